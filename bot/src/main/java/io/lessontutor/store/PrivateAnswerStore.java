package io.lessontutor.store;

import static io.lessontutor.store.Sql.first;
import static io.lessontutor.store.Sql.update;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers shown to one person (migration V61), as they were shown, so that sharing one posts the
 * same answer, once. Thread-safe: every call is its own transaction.
 */
public final class PrivateAnswerStore {

  private final Database db;

  public PrivateAnswerStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * One private answer.
   *
   * @param threadTs where a share goes: the thread of the message asked about, or null for the channel
   * @param blocksJson the answer's Block Kit blocks as Slack's JSON, opaque here
   */
  public record PrivateAnswer(String id, String userId, String channel, String threadTs, String fallbackText,
      String blocksJson) {}

  /** Keeps the answer and returns its new id. */
  public String save(String userId, String channel, String threadTs, String fallbackText, String blocksJson) {
    String id = UUID.randomUUID().toString();
    db.transaction(c -> update(c, "INSERT INTO slack_private_answer (answer_id, user_id, channel_id, thread_ts,"
        + " fallback_text, blocks_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        id, userId, channel, threadTs, fallbackText, blocksJson, System.currentTimeMillis()));
    return id;
  }

  /**
   * Marks the answer shared by this person and returns it; empty when there is no such answer or
   * it was shared before (also when two taps race: one wins).
   */
  public Optional<PrivateAnswer> share(String id, String sharedBy) {
    return db.transaction(c -> {
      int marked = update(c, "UPDATE slack_private_answer SET shared_by = ?, shared_at = ?"
          + " WHERE answer_id = ? AND shared_by IS NULL", sharedBy, System.currentTimeMillis(), id);
      if (marked == 0) {
        return Optional.empty();
      }
      return first(c, "SELECT answer_id, user_id, channel_id, thread_ts, fallback_text, blocks_json"
          + " FROM slack_private_answer WHERE answer_id = ?", rs -> new PrivateAnswer(rs.getString(1), rs.getString(2),
          rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)), id);
    });
  }

  /** Forgets private answers made before the given time (epoch millis); returns how many. */
  public int forgetBefore(long epochMillis) {
    return db.transaction(c -> update(c, "DELETE FROM slack_private_answer WHERE created_at < ?", epochMillis));
  }
}
