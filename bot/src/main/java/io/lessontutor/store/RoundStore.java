package io.lessontutor.store;

import static io.lessontutor.store.Sql.first;
import static io.lessontutor.store.Sql.list;
import static io.lessontutor.store.Sql.nullableLong;
import static io.lessontutor.store.Sql.update;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Channel quiz rounds (migrations V30, V50): a round, its questions, the taps on them, and the
 * lease on its next step. Every method is one transaction, safe from any thread and any instance
 * sharing the database; the methods that change a round only act on the state they expect
 * ({@code asked_at IS NULL}, {@code revealed = false}, {@code status = 'open'}), so a step that
 * runs twice changes nothing the second time.
 */
public final class RoundStore {

  public static final String OPEN = "open";
  public static final String FINISHED = "finished";
  public static final String STOPPED = "stopped";

  private final Database db;

  public RoundStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** A round as stored; {@code questions} in order. */
  public record Round(String id, String channel, String starter, int size, long questionMillis, String status,
      List<Question> questions) {
    public Round {
      questions = List.copyOf(questions);
    }

    public boolean open() {
      return OPEN.equals(status);
    }
  }

  /**
   * One question of a round.
   *
   * @param askedAt null until asked; epoch millis
   * @param deadline the last millisecond a tap counts; meaningful once asked
   * @param messageRef the front end's reference to the posted question, or null
   */
  public record Question(int number, String questionId, Long askedAt, long deadline, boolean revealed, String messageRef) {}

  /** A tap to count, scored by the caller. */
  public record Tap(String roundId, int number, String user, int choice, boolean correct, int points, int streak, long at) {}

  /** What became of a tap. */
  public enum TapOutcome {
    /** Stored: it will be in the reveal. */
    COUNTED,
    /** The person's first tap on this question is stored already. */
    ALREADY_ANSWERED,
    /** The question was revealed, or its deadline passed, before the tap: not stored. */
    CLOSED
  }

  /** A stored answer, as a reveal reports it. */
  public record Answer(String user, boolean correct, int points, int streak) {}

  /** A person's points and right answers over one round or all rounds, best first. */
  public record Total(String user, int points, int right) {}

  /**
   * Stores a new open round, its next step due at {@code startedAt}. False when the channel has an
   * open round already: its primary key refuses a second one, also from another instance.
   */
  public boolean create(String id, String channel, String starter, long questionMillis, List<String> questionIds,
      long startedAt) {
    try {
      db.transaction(c -> {
        update(c, "INSERT INTO quiz_rounds (id, channel, starter, size, question_millis, status, started_at, next_step_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, channel, starter, questionIds.size(), questionMillis, OPEN,
            startedAt, startedAt);
        update(c, "INSERT INTO quiz_active_rounds (channel, round_id) VALUES (?, ?)", channel, id);
        for (int i = 0; i < questionIds.size(); i++) {
          update(c, "INSERT INTO quiz_round_questions (round_id, question_no, question_id, revealed) VALUES (?, ?, ?, ?)",
              id, i + 1, questionIds.get(i), false);
        }
        return null;
      });
      return true;
    } catch (StoreException e) {
      if (e.uniqueViolation()) {
        return false;
      }
      throw e;
    }
  }

  /** The id of the channel's open round, if any. */
  public Optional<String> activeRoundId(String channel) {
    return db.transaction(c -> first(c, "SELECT round_id FROM quiz_active_rounds WHERE channel = ?",
        rs -> rs.getString(1), channel));
  }

  public Optional<Round> load(String roundId) {
    return db.transaction(c -> {
      List<Question> questions = list(c, "SELECT question_no, question_id, asked_at, deadline, revealed, message_ref"
          + " FROM quiz_round_questions WHERE round_id = ? ORDER BY question_no",
          rs -> new Question(rs.getInt(1), rs.getString(2), nullableLong(rs, 3), rs.getLong(4), rs.getBoolean(5),
              rs.getString(6)), roundId);
      return first(c, "SELECT channel, starter, size, question_millis, status FROM quiz_rounds WHERE id = ?",
          rs -> new Round(roundId, rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5),
              questions), roundId);
    });
  }

  /** The person's streak after question {@code number}; 0 when they did not answer it. */
  public int streakAfter(String roundId, int number, String user) {
    return db.transaction(c -> first(c,
        "SELECT streak FROM quiz_answers WHERE round_id = ? AND question_no = ? AND user_id = ?",
        rs -> rs.getInt(1), roundId, number, user).orElse(0));
  }

  /**
   * Counts the tap if the question is asked, unrevealed and inside its deadline at {@code tap.at}.
   * The first statement updates the question's row, which the reveal updates too: the database
   * lets one of them through at a time, so a tap is either committed before the reveal reads the
   * answers, or sees {@code revealed} set and is refused.
   */
  public TapOutcome tap(Tap tap) {
    try {
      return db.transaction(c -> {
        if (update(c, "UPDATE quiz_round_questions SET taps = taps + 1 WHERE round_id = ? AND question_no = ?"
            + " AND revealed = ? AND asked_at IS NOT NULL AND deadline >= ?",
            tap.roundId(), tap.number(), false, tap.at()) == 0) {
          return TapOutcome.CLOSED;
        }
        update(c, "INSERT INTO quiz_answers (round_id, question_no, user_id, choice, correct, points, streak, answered_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tap.roundId(), tap.number(), tap.user(), tap.choice(), tap.correct(),
            tap.points(), tap.streak(), tap.at());
        return TapOutcome.COUNTED;
      });
    } catch (StoreException e) {
      if (e.uniqueViolation()) {
        return TapOutcome.ALREADY_ANSWERED; // the whole transaction rolled back, the count with it
      }
      throw e;
    }
  }

  /** The choice the person's counted tap made; -1 when none. */
  public int choiceOf(String roundId, int number, String user) {
    return db.transaction(c -> first(c,
        "SELECT choice FROM quiz_answers WHERE round_id = ? AND question_no = ? AND user_id = ?",
        rs -> rs.getInt(1), roundId, number, user).orElse(-1));
  }

  /** Marks the question asked with its deadline; false when it was asked before. */
  public boolean markAsked(String roundId, int number, long askedAt, long deadline) {
    return db.transaction(c -> update(c, "UPDATE quiz_round_questions SET asked_at = ?, deadline = ?"
        + " WHERE round_id = ? AND question_no = ? AND asked_at IS NULL", askedAt, deadline, roundId, number)) == 1;
  }

  public void saveMessageRef(String roundId, int number, String messageRef) {
    db.transaction(c -> update(c, "UPDATE quiz_round_questions SET message_ref = ? WHERE round_id = ? AND question_no = ?",
        messageRef, roundId, number));
  }

  /**
   * Marks the question revealed and returns its answers, most points first (then earliest); empty
   * when it was revealed before. Flipping the flag first takes the row lock every tap needs: taps
   * committed before are all read below, taps after it are refused.
   */
  public Optional<List<Answer>> reveal(String roundId, int number) {
    return db.transaction(c -> {
      if (update(c, "UPDATE quiz_round_questions SET revealed = ? WHERE round_id = ? AND question_no = ? AND revealed = ?",
          true, roundId, number, false) == 0) {
        return Optional.empty();
      }
      return Optional.of(list(c, "SELECT user_id, correct, points, streak FROM quiz_answers"
          + " WHERE round_id = ? AND question_no = ? ORDER BY points DESC, answered_at, user_id",
          rs -> new Answer(rs.getString(1), rs.getBoolean(2), rs.getInt(3), rs.getInt(4)), roundId, number));
    });
  }

  /**
   * Closes the open round as {@link #FINISHED} or {@link #STOPPED} and frees its channel; returns
   * the round's totals, or empty when it was closed before.
   */
  public Optional<List<Total>> close(String roundId, String status, long at) {
    return db.transaction(c -> {
      if (update(c, "UPDATE quiz_rounds SET status = ?, ended_at = ?, next_step_at = NULL WHERE id = ? AND status = ?",
          status, at, roundId, OPEN) == 0) {
        return Optional.empty();
      }
      update(c, "DELETE FROM quiz_active_rounds WHERE round_id = ?", roundId);
      return Optional.of(totals(c, roundId));
    });
  }

  /** Totals over every round, stopped ones included, best first; people with no points left out. */
  public List<Total> allTimeTotals() {
    return db.transaction(c -> totals(c, null));
  }

  private static List<Total> totals(java.sql.Connection c, String roundId) throws java.sql.SQLException {
    String sql = "SELECT user_id, SUM(points), SUM(CASE WHEN correct THEN 1 ELSE 0 END) FROM quiz_answers"
        + (roundId == null ? "" : " WHERE round_id = ?")
        + " GROUP BY user_id HAVING SUM(points) > 0 ORDER BY SUM(points) DESC, user_id";
    Sql.Row<Total> row = rs -> new Total(rs.getString(1), rs.getInt(2), rs.getInt(3));
    return roundId == null ? list(c, sql, row) : list(c, sql, row, roundId);
  }

  /**
   * Open rounds whose next step is due at {@code now} and whose lease is free, expired, or held by
   * {@code owner} (who lost the database before it could give the lease back).
   */
  public List<String> dueRounds(long now, String owner) {
    return db.transaction(c -> list(c, "SELECT id FROM quiz_rounds WHERE status = ? AND next_step_at <= ?"
        + " AND (lease_until < ? OR lease_owner = ?) ORDER BY next_step_at", rs -> rs.getString(1), OPEN, now, now, owner));
  }

  /** When the open round's next step is due (epoch millis); empty when it is not open. */
  public Optional<Long> nextStepAt(String roundId) {
    return db.transaction(c -> first(c, "SELECT next_step_at FROM quiz_rounds WHERE id = ? AND status = ?",
        rs -> nullableLong(rs, 1), roundId, OPEN));
  }

  /**
   * Takes the lease on the open round's next step until {@code until}, unless another owner holds
   * an unexpired one (or, with {@code onlyWhenDue}, the step is not due yet). One statement: of two
   * instances trying at once, one gets it.
   */
  public boolean claim(String roundId, String owner, long now, long until, boolean onlyWhenDue) {
    return db.transaction(c -> update(c, "UPDATE quiz_rounds SET lease_owner = ?, lease_until = ?"
        + " WHERE id = ? AND status = ? AND (lease_until < ? OR lease_owner = ?)"
        + (onlyWhenDue ? " AND next_step_at <= ?" : ""),
        onlyWhenDue ? new Object[] {owner, until, roundId, OPEN, now, owner, now}
            : new Object[] {owner, until, roundId, OPEN, now, owner})) == 1;
  }

  /**
   * Gives the lease back, with the next step due at {@code nextStepAt}; null leaves the due time as
   * it was (the step failed: it is due again at once). Does nothing if the lease was lost.
   */
  public void release(String roundId, String owner, Long nextStepAt) {
    db.transaction(c -> nextStepAt == null
        ? update(c, "UPDATE quiz_rounds SET lease_owner = NULL, lease_until = 0 WHERE id = ? AND lease_owner = ?",
            roundId, owner)
        : update(c, "UPDATE quiz_rounds SET lease_owner = NULL, lease_until = 0, next_step_at = ?"
            + " WHERE id = ? AND lease_owner = ?", nextStepAt, roundId, owner));
  }

  /** Ids of every open round, oldest first. */
  public List<String> openRounds() {
    return db.transaction(c -> list(c, "SELECT id FROM quiz_rounds WHERE status = ? ORDER BY started_at",
        rs -> rs.getString(1), OPEN));
  }
}
