-- Quiz rounds in a channel. Times are epoch milliseconds. Portable SQL (SQLite and PostgreSQL).

CREATE TABLE quiz_rounds (
  id              VARCHAR(64)  NOT NULL PRIMARY KEY,
  channel         VARCHAR(64)  NOT NULL,
  starter         VARCHAR(64)  NOT NULL,
  size            INTEGER      NOT NULL,
  question_millis BIGINT       NOT NULL,  -- time allowed per question, fixed when the round starts
  status          VARCHAR(16)  NOT NULL,  -- open, finished, stopped
  started_at      BIGINT       NOT NULL,
  ended_at        BIGINT
);

CREATE INDEX quiz_rounds_by_status ON quiz_rounds (status);

-- At most one open round per channel: the primary key refuses a second start atomically.
CREATE TABLE quiz_active_rounds (
  channel  VARCHAR(64) NOT NULL PRIMARY KEY,
  round_id VARCHAR(64) NOT NULL REFERENCES quiz_rounds (id)
);

CREATE TABLE quiz_round_questions (
  round_id    VARCHAR(64)  NOT NULL REFERENCES quiz_rounds (id),
  question_no INTEGER      NOT NULL,   -- 1-based
  question_id VARCHAR(100) NOT NULL,   -- id in the quiz bank
  asked_at    BIGINT,                  -- null until asked
  deadline    BIGINT,                  -- asked_at + question_millis; answers after it are late
  revealed    BOOLEAN      NOT NULL,
  message_ref VARCHAR(200),            -- the front end's reference to the posted question
  PRIMARY KEY (round_id, question_no)
);

-- A person's first answer counts: the constraint makes concurrent taps count once.
CREATE TABLE quiz_answers (
  round_id    VARCHAR(64) NOT NULL,
  question_no INTEGER     NOT NULL,
  user_id     VARCHAR(64) NOT NULL,
  choice      INTEGER     NOT NULL,    -- 0-based
  correct     BOOLEAN     NOT NULL,
  points      INTEGER     NOT NULL,
  streak      INTEGER     NOT NULL,    -- right answers in a row in this round, including this one
  answered_at BIGINT      NOT NULL,
  CONSTRAINT quiz_answers_first_counts UNIQUE (round_id, question_no, user_id),
  FOREIGN KEY (round_id, question_no) REFERENCES quiz_round_questions (round_id, question_no)
);

CREATE INDEX quiz_answers_by_user ON quiz_answers (user_id);
