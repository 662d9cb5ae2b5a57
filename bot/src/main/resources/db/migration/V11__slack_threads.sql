-- Conversations the tutor has answered in: a channel thread (thread_ts) or a direct-message
-- channel ('' as thread_ts). Replies there are answered without a mention, with the last question
-- passed along as context.
CREATE TABLE slack_thread (
  channel_id VARCHAR(64) NOT NULL,
  thread_ts VARCHAR(32) NOT NULL,
  last_question VARCHAR(4000) NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (channel_id, thread_ts)
);
