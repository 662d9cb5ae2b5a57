-- How the tutor replies in one channel (/tutor-settings); a channel without a row is mention-only,
-- and thread replies in threads it answered need no mention.
CREATE TABLE slack_channel_settings (
  channel_id VARCHAR(64) NOT NULL PRIMARY KEY,
  answer_all BOOLEAN NOT NULL,
  threads_need_mention BOOLEAN NOT NULL,
  changed_by VARCHAR(64) NOT NULL,
  changed_at BIGINT NOT NULL
);
