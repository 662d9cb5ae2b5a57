-- Solo practice: one person's quiz at their own pace, and what they have mastered.

CREATE TABLE quiz_solo_sessions (
  id          VARCHAR(64) NOT NULL PRIMARY KEY,
  user_id     VARCHAR(64) NOT NULL,
  size        INTEGER     NOT NULL,   -- questions in the first pass
  started_at  BIGINT      NOT NULL,
  finished_at BIGINT,                 -- null while in progress
  score       INTEGER                 -- questions right at the first try, set when finished
);

CREATE INDEX quiz_solo_sessions_by_user ON quiz_solo_sessions (user_id);

-- The session's queue: the first pass, then every missed question again until it is right.
CREATE TABLE quiz_solo_items (
  session_id  VARCHAR(64)  NOT NULL REFERENCES quiz_solo_sessions (id),
  seq         INTEGER      NOT NULL,   -- 1-based order of asking
  question_id VARCHAR(100) NOT NULL,
  retry       BOOLEAN      NOT NULL,   -- true when the question came back after a miss
  choice      INTEGER,                 -- null until answered; -1 when skipped (question left the bank)
  correct     BOOLEAN,
  answered_at BIGINT,
  PRIMARY KEY (session_id, seq)
);

CREATE TABLE quiz_mastered (
  user_id     VARCHAR(64)  NOT NULL,
  question_id VARCHAR(100) NOT NULL,
  mastered_at BIGINT       NOT NULL,
  PRIMARY KEY (user_id, question_id)
);
