-- The signatures of the signed HTTP requests the tutor has acted on, so that a request replayed
-- word for word (same body, timestamp and signature) is acknowledged and dropped, also by another
-- instance sharing this database. Slack's own retries carry a new timestamp, hence a new
-- signature; their event_id de-duplication lives in slack_delivery. Rows older than the
-- timestamp window are useless (such a request is refused for its age) and are deleted.
CREATE TABLE seen_request_signature (
  signature VARCHAR(128) NOT NULL PRIMARY KEY,
  seen_at BIGINT NOT NULL
);
CREATE INDEX seen_request_signature_seen_at ON seen_request_signature (seen_at);
