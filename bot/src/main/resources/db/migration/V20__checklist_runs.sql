-- Every run of the /should-we-finetune checklist, so a team sees how its answer changed.
-- where_run is a Slack channel id, or 'cli' for the terminal; answers is a JSON object of
-- check id -> "yes" | "no" (checks left "not sure" are absent); created_at is epoch milliseconds.
CREATE TABLE checklist_runs (
  id         VARCHAR(36)   NOT NULL PRIMARY KEY,
  who        VARCHAR(255)  NOT NULL,
  where_run  VARCHAR(255)  NOT NULL,
  verdict    VARCHAR(64)   NOT NULL,
  answers    VARCHAR(4000) NOT NULL,
  created_at BIGINT        NOT NULL
);

CREATE INDEX checklist_runs_by_place ON checklist_runs (where_run, created_at);
