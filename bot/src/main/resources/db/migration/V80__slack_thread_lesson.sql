-- The lesson a conversation's last answered question was answered from, so that in a course its
-- next question is ranked with that lesson in focus without searching the earlier question again.
-- Null for conversations remembered before this column (their lesson is found by that search),
-- and until a question there is answered.
ALTER TABLE slack_thread ADD COLUMN last_lesson VARCHAR(255);
