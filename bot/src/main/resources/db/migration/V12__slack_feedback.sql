-- "Helpful" / "Not helpful" votes: one per person per answer message; a second tap replaces the first.
CREATE TABLE slack_feedback (
  channel_id VARCHAR(64) NOT NULL,
  message_ts VARCHAR(32) NOT NULL,
  user_id VARCHAR(64) NOT NULL,
  helpful BOOLEAN NOT NULL,
  passage_id VARCHAR(255),
  voted_at BIGINT NOT NULL,
  PRIMARY KEY (channel_id, message_ts, user_id)
);
