-- One unfinished practice per person, also when two "quiz me" race (two instances, or a double tap).
-- Duplicates left by earlier versions: the newest stays open, older ones are closed unscored.
UPDATE quiz_solo_sessions SET finished_at = started_at, score = 0
 WHERE finished_at IS NULL
   AND EXISTS (SELECT 1 FROM quiz_solo_sessions newer
                WHERE newer.user_id = quiz_solo_sessions.user_id AND newer.finished_at IS NULL
                  AND (newer.started_at > quiz_solo_sessions.started_at
                       OR (newer.started_at = quiz_solo_sessions.started_at AND newer.id > quiz_solo_sessions.id)));
CREATE UNIQUE INDEX quiz_solo_one_open ON quiz_solo_sessions (user_id) WHERE finished_at IS NULL;
