package io.lessontutor.store;

import static io.lessontutor.store.Sql.first;
import static io.lessontutor.store.Sql.update;

import java.util.Objects;
import java.util.Optional;

/**
 * The conversations the tutor answered in (migrations V11, V80): a channel thread, or a direct
 * message outside any thread ({@link #NO_THREAD}), with the last question asked there and the
 * lesson the last answered one was answered from, so replies need no mention and carry their
 * context. Thread-safe: every call is its own transaction.
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

  /** Longest lesson id kept; the column is VARCHAR(255). */
  public static final int MAX_LESSON_CHARS = 255;

  /**
   * What a conversation remembers.
   *
   * @param lastQuestion the last question asked there
   * @param lesson the id of the lesson its last answered question was answered from; null when
   *     none was answered yet, or the conversation was remembered before lessons were
   */
  public record Conversation(String lastQuestion, String lesson) {
    public Conversation {
      Objects.requireNonNull(lastQuestion, "lastQuestion");
    }
  }

  /** True when the tutor has answered in this conversation before. */
  public boolean answeredIn(String channel, String threadTs) {
    return lastQuestion(channel, threadTs).isPresent();
  }

  /** The last question the tutor answered in this conversation, if any. */
  public Optional<String> lastQuestion(String channel, String threadTs) {
    return conversation(channel, threadTs).map(Conversation::lastQuestion);
  }

  /** What the conversation remembers, if the tutor answered in it before. */
  public Optional<Conversation> conversation(String channel, String threadTs) {
    return db.transaction(c -> first(c, "SELECT last_question, last_lesson FROM slack_thread WHERE channel_id = ? AND thread_ts = ?",
        rs -> new Conversation(rs.getString(1), rs.getString(2)), channel, threadTs));
  }

  /**
   * Remembers that the last question of the conversation was answered from this lesson; nothing
   * when the tutor never answered there. A lesson id longer than {@value #MAX_LESSON_CHARS}
   * characters (the lesson files' ids are far shorter) is not kept.
   */
  public void rememberLesson(String channel, String threadTs, String lessonId) {
    Objects.requireNonNull(lessonId, "lessonId");
    if (lessonId.length() > MAX_LESSON_CHARS) {
      return;
    }
    db.transaction(c -> update(c, "UPDATE slack_thread SET last_lesson = ? WHERE channel_id = ? AND thread_ts = ?",
        lessonId, channel, threadTs));
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
