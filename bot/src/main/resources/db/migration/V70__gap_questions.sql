-- What the tutor could not help with, for the gap report (scripts/tutor report): questions it
-- declined, and answers someone marked not helpful with the question they answered. The text is
-- blanked after TUTOR_KEEP_QUESTIONS days (30 by default); with TUTOR_KEEP_QUESTIONS=off it is
-- never stored, and only the counts (and the decline reasons' codes) remain.
CREATE TABLE gap_questions (
  id         VARCHAR(36)   NOT NULL PRIMARY KEY,
  kind       VARCHAR(16)   NOT NULL,  -- declined, unhelpful
  question   VARCHAR(4000),           -- null once forgotten, or when not kept
  reason     VARCHAR(64),             -- declined: the reason's code (it_asks_for, the_closest_passage, ...)
  passage_id VARCHAR(255),            -- unhelpful: the passage the answer cited
  asked_at   BIGINT        NOT NULL
);

CREATE INDEX gap_questions_by_kind ON gap_questions (kind, asked_at);
