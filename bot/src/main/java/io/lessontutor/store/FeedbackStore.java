package io.lessontutor.store;

import static io.lessontutor.store.Sql.list;
import static io.lessontutor.store.Sql.update;

import java.util.List;
import java.util.Objects;

/**
 * "Helpful" / "Not helpful" votes on answers (migration V12): one per person per answer message.
 * Thread-safe: every call is its own transaction.
 */
public final class FeedbackStore {

  private final Database db;

  public FeedbackStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** A person's vote on one answer message; {@code passageId} may be null. */
  public record Vote(String channel, String messageTs, String userId, boolean helpful, String passageId) {}

  /** Records the vote; a person's second vote on the same answer replaces the first, also when both race. */
  public void vote(Vote vote) {
    db.transaction(c -> update(c, "INSERT INTO slack_feedback (channel_id, message_ts, user_id, helpful, passage_id, voted_at)"
        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel_id, message_ts, user_id)"
        + " DO UPDATE SET helpful = excluded.helpful, passage_id = excluded.passage_id, voted_at = excluded.voted_at",
        vote.channel(), vote.messageTs(), vote.userId(), vote.helpful(), vote.passageId(), System.currentTimeMillis()));
  }

  /** Every vote on one answer message, in no particular order. */
  public List<Vote> votes(String channel, String messageTs) {
    return db.transaction(c -> List.copyOf(list(c,
        "SELECT user_id, helpful, passage_id FROM slack_feedback WHERE channel_id = ? AND message_ts = ?",
        rs -> new Vote(channel, messageTs, rs.getString(1), rs.getBoolean(2), rs.getString(3)), channel, messageTs)));
  }
}
