package io.lessontutor.slack;

import io.lessontutor.store.Database;
import io.lessontutor.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What the Slack front end remembers between deliveries and restarts: which deliveries it has
 * taken on, the conversations it answered in, and feedback votes. Tables from migrations V10-V12.
 * Thread-safe: every call is its own transaction.
 */
public final class SlackStore {

  /** Longest question kept as context; the column is VARCHAR(4000). */
  static final int MAX_QUESTION_CHARS = 4_000;
  /** Thread key of a direct-message conversation outside any thread. */
  public static final String NO_THREAD = "";

  private final Database db;

  public SlackStore(Database db) {
    this.db = db;
  }

  /**
   * Takes on a message delivery. False when the event id or the message (channel and ts) was
   * taken on before: a retry, or the same message arriving both as app_mention and as message.
   */
  public boolean firstDelivery(String eventId, String channel, String messageTs) {
    List<String> keys = eventId == null
        ? List.of(messageKey(channel, messageTs))
        : List.of("event:" + eventId, messageKey(channel, messageTs));
    try {
      // Insert without reading first: a read-then-write transaction in SQLite can fail with
      // SQLITE_BUSY when two deliveries race, whereas a first write waits for the lock.
      return db.transaction(c -> {
        for (String key : keys) {
          insertDelivery(c, key);
        }
        return true;
      });
    } catch (StoreException e) {
      // A key was taken before (the transaction rolled back, so neither key is half-taken).
      if (e.getCause() instanceof SQLException sql && Database.isUniqueViolation(sql)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Forgets deliveries taken on before the given time (epoch millis), so the table does not grow
   * for ever; Slack stops retrying a delivery within the hour. Returns how many were forgotten.
   */
  public int forgetDeliveriesBefore(long epochMillis) {
    return db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM slack_delivery WHERE received_at < ?")) {
        ps.setLong(1, epochMillis);
        return ps.executeUpdate();
      }
    });
  }

  private static String messageKey(String channel, String ts) {
    return "message:" + channel + ":" + ts;
  }

  private static void insertDelivery(Connection c, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO slack_delivery (delivery_key, received_at) VALUES (?, ?)")) {
      ps.setString(1, key);
      ps.setLong(2, System.currentTimeMillis());
      ps.executeUpdate();
    }
  }

  /** True when the tutor has answered in this conversation before. */
  public boolean answeredIn(String channel, String threadTs) {
    return lastQuestion(channel, threadTs).isPresent();
  }

  /** The last question the tutor answered in this conversation, if any. */
  public Optional<String> lastQuestion(String channel, String threadTs) {
    return db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT last_question FROM slack_thread WHERE channel_id = ? AND thread_ts = ?")) {
        ps.setString(1, channel);
        ps.setString(2, threadTs);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  /** Remembers that the tutor answered {@code question} in this conversation. */
  public void rememberQuestion(String channel, String threadTs, String question) {
    String kept = SafeText.truncate(question, MAX_QUESTION_CHARS);
    long now = System.currentTimeMillis();
    db.transaction(c -> {
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE slack_thread SET last_question = ?, updated_at = ? WHERE channel_id = ? AND thread_ts = ?")) {
        update.setString(1, kept);
        update.setLong(2, now);
        update.setString(3, channel);
        update.setString(4, threadTs);
        if (update.executeUpdate() > 0) {
          return null;
        }
      }
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO slack_thread (channel_id, thread_ts, last_question, updated_at) VALUES (?, ?, ?, ?)")) {
        insert.setString(1, channel);
        insert.setString(2, threadTs);
        insert.setString(3, kept);
        insert.setLong(4, now);
        insert.executeUpdate();
      }
      return null;
    });
  }

  /** A person's vote on one answer message. */
  public record Vote(String channel, String messageTs, String userId, boolean helpful, String passageId) {}

  /** Records the vote; a person's second vote on the same answer replaces the first. */
  public void vote(Vote vote) {
    long now = System.currentTimeMillis();
    db.transaction(c -> {
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE slack_feedback SET helpful = ?, passage_id = ?, voted_at = ?"
              + " WHERE channel_id = ? AND message_ts = ? AND user_id = ?")) {
        update.setBoolean(1, vote.helpful());
        update.setString(2, vote.passageId());
        update.setLong(3, now);
        update.setString(4, vote.channel());
        update.setString(5, vote.messageTs());
        update.setString(6, vote.userId());
        if (update.executeUpdate() > 0) {
          return null;
        }
      }
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO slack_feedback (channel_id, message_ts, user_id, helpful, passage_id, voted_at)"
              + " VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, vote.channel());
        insert.setString(2, vote.messageTs());
        insert.setString(3, vote.userId());
        insert.setBoolean(4, vote.helpful());
        insert.setString(5, vote.passageId());
        insert.setLong(6, now);
        insert.executeUpdate();
      }
      return null;
    });
  }

  /** Every vote on one answer message, in no particular order. */
  public List<Vote> votes(String channel, String messageTs) {
    return db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT user_id, helpful, passage_id FROM slack_feedback WHERE channel_id = ? AND message_ts = ?")) {
        ps.setString(1, channel);
        ps.setString(2, messageTs);
        try (ResultSet rs = ps.executeQuery()) {
          var votes = new java.util.ArrayList<Vote>();
          while (rs.next()) {
            votes.add(new Vote(channel, messageTs, rs.getString(1), rs.getBoolean(2), rs.getString(3)));
          }
          return List.copyOf(votes);
        }
      }
    });
  }
}
