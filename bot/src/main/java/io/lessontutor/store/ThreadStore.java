package io.lessontutor.store;

import static io.lessontutor.store.Sql.first;
import static io.lessontutor.store.Sql.update;

import java.util.Objects;
import java.util.Optional;

/**
 * The conversations the tutor answered in (migration V11): a channel thread, or a direct message
 * outside any thread ({@link #NO_THREAD}), with the last question asked there, so replies need no
 * mention and carry their context. Thread-safe: every call is its own transaction.
 */
public final class ThreadStore {

  /** Thread key of a direct-message conversation outside any thread. */
  public static final String NO_THREAD = "";
  /** Longest question kept as context; the column is VARCHAR(4000). */
  public static final int MAX_QUESTION_CHARS = 4_000;

  private final Database db;

  public ThreadStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** True when the tutor has answered in this conversation before. */
  public boolean answeredIn(String channel, String threadTs) {
    return lastQuestion(channel, threadTs).isPresent();
  }

  /** The last question the tutor answered in this conversation, if any. */
  public Optional<String> lastQuestion(String channel, String threadTs) {
    return db.transaction(c -> first(c, "SELECT last_question FROM slack_thread WHERE channel_id = ? AND thread_ts = ?",
        rs -> rs.getString(1), channel, threadTs));
  }

  /** Remembers that the tutor answered {@code question} (cut to {@value #MAX_QUESTION_CHARS} characters) here. */
  public void rememberQuestion(String channel, String threadTs, String question) {
    String kept = question.length() <= MAX_QUESTION_CHARS ? question : question.substring(0, MAX_QUESTION_CHARS);
    db.transaction(c -> update(c, "INSERT INTO slack_thread (channel_id, thread_ts, last_question, updated_at)"
        + " VALUES (?, ?, ?, ?) ON CONFLICT (channel_id, thread_ts)"
        + " DO UPDATE SET last_question = excluded.last_question, updated_at = excluded.updated_at",
        channel, threadTs, kept, System.currentTimeMillis()));
  }
}
