-- Several instances share rounds: the next step of a round (ask, reveal, finish) is due at
-- next_step_at, and the instance that takes it holds a lease (lease_owner until lease_until, epoch
-- milliseconds) so no step runs twice, while a lease left by an instance that died or lost the
-- database expires and any instance picks the round up.
ALTER TABLE quiz_rounds ADD COLUMN next_step_at BIGINT;
ALTER TABLE quiz_rounds ADD COLUMN lease_owner VARCHAR(64);
ALTER TABLE quiz_rounds ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;
UPDATE quiz_rounds SET next_step_at = 0 WHERE status = 'open';
CREATE INDEX quiz_rounds_due ON quiz_rounds (status, next_step_at);

-- Taps counted for a question. A tap increments it in the same transaction as its answer row, and
-- that update takes the question row's lock, which the reveal's update also needs: so a tap and
-- the reveal are serialised on both SQLite and PostgreSQL (under READ COMMITTED a plain
-- INSERT ... SELECT and the reveal could each miss the other's uncommitted row).
ALTER TABLE quiz_round_questions ADD COLUMN taps INTEGER NOT NULL DEFAULT 0;
