-- Answers shown to one person only (/tutor ask, the message shortcut), kept so that "Share in
-- channel" posts exactly what they read, from whichever instance gets the tap, and only once.
CREATE TABLE slack_private_answer (
  answer_id VARCHAR(64) NOT NULL PRIMARY KEY,
  user_id VARCHAR(64) NOT NULL,
  channel_id VARCHAR(64) NOT NULL,
  thread_ts VARCHAR(32),
  fallback_text TEXT NOT NULL,
  blocks_json TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  shared_by VARCHAR(64),
  shared_at BIGINT
);
