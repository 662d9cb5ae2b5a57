-- A channel's scheduled quiz rounds (/tutor-quiz schedule). Times are epoch milliseconds. Every
-- instance looks at the same rows; each step (the reminder, the start, the season's standings
-- after the round) is taken by one conditional UPDATE, so exactly one instance does it.
CREATE TABLE quiz_schedules (
  channel        VARCHAR(64)  NOT NULL PRIMARY KEY,
  cadence        VARCHAR(16)  NOT NULL,   -- daily, weekly
  day_of_week    INTEGER,                 -- 1 (Monday) to 7 for weekly, null for daily
  local_time     VARCHAR(5)   NOT NULL,   -- HH:MM in zone
  zone           VARCHAR(64)  NOT NULL,   -- a java.time zone id
  created_by     VARCHAR(64)  NOT NULL,
  season_start   BIGINT       NOT NULL,   -- rounds in the channel since then make the season
  next_run_at    BIGINT       NOT NULL,
  reminded_for   BIGINT       NOT NULL DEFAULT 0,  -- the next_run_at whose reminder went out
  last_round_id  VARCHAR(64),
  standings_for  VARCHAR(64)              -- the last round whose season standings went out
);
