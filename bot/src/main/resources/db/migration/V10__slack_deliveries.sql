-- Every Slack delivery the tutor has taken on, so that a retried or doubled delivery
-- (same event_id, or the same message arriving as app_mention and as message) is answered once,
-- also after a restart. Keys: 'event:<event_id>' and 'message:<channel>:<ts>'.
CREATE TABLE slack_delivery (
  delivery_key VARCHAR(255) NOT NULL PRIMARY KEY,
  received_at BIGINT NOT NULL
);
