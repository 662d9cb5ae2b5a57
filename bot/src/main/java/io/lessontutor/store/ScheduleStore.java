package io.lessontutor.store;

import static io.lessontutor.store.Sql.first;
import static io.lessontutor.store.Sql.list;
import static io.lessontutor.store.Sql.update;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Channels' scheduled quiz rounds (migration V62). Each step of a schedule is taken with one
 * conditional UPDATE that only the first instance to run it can win ({@link #takeReminder},
 * {@link #takeRun}, {@link #takeStandings}). Thread-safe: every call is its own transaction.
 */
public final class ScheduleStore {

  private final Database db;

  public ScheduleStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * One channel's schedule as stored.
   *
   * @param dayOfWeek 1 (Monday) to 7, or null for daily
   * @param localTime "HH:MM"
   */
  public record Schedule(String channel, String cadence, Integer dayOfWeek, String localTime, String zone,
      String createdBy, long seasonStart, long nextRunAt, long remindedFor, String lastRoundId, String standingsFor) {}

  /** Sets the channel's schedule; a new schedule keeps the season running if there was one. */
  public void save(String channel, String cadence, Integer dayOfWeek, String localTime, String zone, String createdBy,
      long now, long nextRunAt) {
    db.transaction(c -> update(c, "INSERT INTO quiz_schedules (channel, cadence, day_of_week, local_time, zone,"
        + " created_by, season_start, next_run_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel) DO UPDATE SET"
        + " cadence = excluded.cadence, day_of_week = excluded.day_of_week, local_time = excluded.local_time,"
        + " zone = excluded.zone, created_by = excluded.created_by, next_run_at = excluded.next_run_at",
        channel, cadence, dayOfWeek, localTime, zone, createdBy, now, nextRunAt));
  }

  /** Removes the channel's schedule; true when there was one. */
  public boolean delete(String channel) {
    return db.transaction(c -> update(c, "DELETE FROM quiz_schedules WHERE channel = ?", channel)) > 0;
  }

  public Optional<Schedule> find(String channel) {
    return db.transaction(c -> first(c, SELECT + " WHERE channel = ?", ScheduleStore::read, channel));
  }

  /** Every schedule, for the poll; there are a few per workspace. */
  public List<Schedule> all() {
    return db.transaction(c -> List.copyOf(list(c, SELECT + " ORDER BY next_run_at", ScheduleStore::read)));
  }

  /** Takes the reminder for the run due at {@code runAt}; true for exactly one caller. */
  public boolean takeReminder(String channel, long runAt) {
    return db.transaction(c -> update(c, "UPDATE quiz_schedules SET reminded_for = ? WHERE channel = ?"
        + " AND next_run_at = ? AND reminded_for <> ?", runAt, channel, runAt, runAt)) == 1;
  }

  /** Takes the run due at {@code runAt}, moving the schedule on to {@code nextRunAt}; true for exactly one caller. */
  public boolean takeRun(String channel, long runAt, long nextRunAt) {
    return db.transaction(c -> update(c, "UPDATE quiz_schedules SET next_run_at = ? WHERE channel = ? AND next_run_at = ?",
        nextRunAt, channel, runAt)) == 1;
  }

  /** Records the round a run started, whose end brings the season's standings. */
  public void roundStarted(String channel, String roundId) {
    db.transaction(c -> update(c, "UPDATE quiz_schedules SET last_round_id = ? WHERE channel = ?", roundId, channel));
  }

  /** Takes the season standings after the round; true for exactly one caller. */
  public boolean takeStandings(String channel, String roundId) {
    return db.transaction(c -> update(c, "UPDATE quiz_schedules SET standings_for = ? WHERE channel = ?"
        + " AND last_round_id = ? AND (standings_for IS NULL OR standings_for <> ?)", roundId, channel, roundId, roundId)) == 1;
  }

  /** The season so far: points per person over the channel's rounds started since {@code since}, best first. */
  public List<RoundStore.Total> season(String channel, long since, int limit) {
    return db.transaction(c -> List.copyOf(list(c, "SELECT a.user_id, SUM(a.points),"
        + " SUM(CASE WHEN a.correct THEN 1 ELSE 0 END) FROM quiz_answers a JOIN quiz_rounds r ON r.id = a.round_id"
        + " WHERE r.channel = ? AND r.started_at >= ? GROUP BY a.user_id HAVING SUM(a.points) > 0"
        + " ORDER BY SUM(a.points) DESC, a.user_id LIMIT " + limit,
        rs -> new RoundStore.Total(rs.getString(1), rs.getInt(2), rs.getInt(3)), channel, since)));
  }

  private static final String SELECT = "SELECT channel, cadence, day_of_week, local_time, zone, created_by,"
      + " season_start, next_run_at, reminded_for, last_round_id, standings_for FROM quiz_schedules";

  private static Schedule read(java.sql.ResultSet rs) throws java.sql.SQLException {
    int day = rs.getInt(3);
    Integer dayOfWeek = rs.wasNull() ? null : day;
    return new Schedule(rs.getString(1), rs.getString(2), dayOfWeek, rs.getString(4), rs.getString(5), rs.getString(6),
        rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getString(10), rs.getString(11));
  }
}
