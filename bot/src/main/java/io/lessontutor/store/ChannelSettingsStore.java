package io.lessontutor.store;

import static io.lessontutor.store.Sql.first;
import static io.lessontutor.store.Sql.list;
import static io.lessontutor.store.Sql.update;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the tutor replies in each channel (migration V60), set by the channel's members. A channel
 * never set is {@link ChannelSettings#DEFAULT}. Thread-safe: every call is its own transaction.
 */
public final class ChannelSettingsStore {

  /** How many channels App Home lists. */
  public static final int MAX_LISTED = 20;

  private final Database db;

  public ChannelSettingsStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * One channel's reply settings.
   *
   * @param answerAll true: every top-level message the lesson covers is answered without a
   *     mention, and the rest get no reply at all; false (the default): only mentions
   * @param threadsNeedMention true: a reply in a thread the tutor answered needs a mention too
   */
  public record ChannelSettings(boolean answerAll, boolean threadsNeedMention) {
    public static final ChannelSettings DEFAULT = new ChannelSettings(false, false);
  }

  /** A channel's settings and who last changed them. */
  public record Saved(String channel, ChannelSettings settings, String changedBy, long changedAt) {}

  /** The channel's settings, or the default when never set. */
  public ChannelSettings settings(String channel) {
    return saved(channel).map(Saved::settings).orElse(ChannelSettings.DEFAULT);
  }

  public Optional<Saved> saved(String channel) {
    return db.transaction(c -> first(c, "SELECT channel_id, answer_all, threads_need_mention, changed_by, changed_at"
        + " FROM slack_channel_settings WHERE channel_id = ?", ChannelSettingsStore::read, channel));
  }

  /** Stores the channel's settings; the last of two racing changes wins. */
  public void save(String channel, ChannelSettings settings, String changedBy) {
    db.transaction(c -> update(c, "INSERT INTO slack_channel_settings"
        + " (channel_id, answer_all, threads_need_mention, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)"
        + " ON CONFLICT (channel_id) DO UPDATE SET answer_all = excluded.answer_all,"
        + " threads_need_mention = excluded.threads_need_mention, changed_by = excluded.changed_by,"
        + " changed_at = excluded.changed_at",
        channel, settings.answerAll(), settings.threadsNeedMention(), changedBy, System.currentTimeMillis()));
  }

  /** Channels whose settings differ from the default, most recently changed first, at most {@link #MAX_LISTED}. */
  public List<Saved> changedChannels() {
    return db.transaction(c -> List.copyOf(list(c, "SELECT channel_id, answer_all, threads_need_mention, changed_by,"
        + " changed_at FROM slack_channel_settings WHERE answer_all = ? OR threads_need_mention = ?"
        + " ORDER BY changed_at DESC LIMIT " + MAX_LISTED, ChannelSettingsStore::read, true, true)));
  }

  private static Saved read(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Saved(rs.getString(1), new ChannelSettings(rs.getBoolean(2), rs.getBoolean(3)), rs.getString(4),
        rs.getLong(5));
  }
}
