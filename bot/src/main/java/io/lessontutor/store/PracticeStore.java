package io.lessontutor.store;

import static io.lessontutor.store.Sql.first;
import static io.lessontutor.store.Sql.list;
import static io.lessontutor.store.Sql.update;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Solo practice (migrations V31, V51): sessions, their queue of questions, and what each person has
 * mastered. Work runs in a {@link #transaction} on a {@link Tx}, whose methods are the only SQL;
 * thread-safe, and safe for several instances: one unfinished session per person is a unique
 * index, an answer only fills an unanswered item, and mastering twice is a no-op.
 */
public final class PracticeStore {

  private final Database db;

  public PracticeStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** Work on one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Tx tx) throws SQLException;
  }

  /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T transaction(Work<T> work) {
    return db.transaction(c -> work.run(new Tx(c)));
  }

  /** A session's id and the size of its first pass. */
  public record Session(String id, String user, int size) {}

  /** The first unanswered item of a session, and how many are unanswered. */
  public record Item(int seq, String questionId, boolean retry, int remaining) {}

  /** A finished session's score. */
  public record Finished(String id, int score, int size) {}

  /** The statements of one transaction. */
  public static final class Tx {
    private final Connection c;

    private Tx(Connection c) {
      this.c = c;
    }

    /**
     * Starts a session with its first pass, in order.
     *
     * @throws SQLException a unique violation when the person has an unfinished session already
     */
    public void createSession(String id, String user, List<String> questionIds, long now) throws SQLException {
      update(c, "INSERT INTO quiz_solo_sessions (id, user_id, size, started_at) VALUES (?, ?, ?, ?)",
          id, user, questionIds.size(), now);
      for (int i = 0; i < questionIds.size(); i++) {
        update(c, "INSERT INTO quiz_solo_items (session_id, seq, question_id, retry) VALUES (?, ?, ?, ?)",
            id, i + 1, questionIds.get(i), false);
      }
    }

    public Optional<Session> session(String id) throws SQLException {
      return first(c, "SELECT id, user_id, size FROM quiz_solo_sessions WHERE id = ?",
          rs -> new Session(rs.getString(1), rs.getString(2), rs.getInt(3)), id);
    }

    /** The person's unfinished session, if any. */
    public Optional<Session> openSession(String user) throws SQLException {
      return first(c, "SELECT id, user_id, size FROM quiz_solo_sessions WHERE user_id = ? AND finished_at IS NULL"
          + " ORDER BY started_at DESC", rs -> new Session(rs.getString(1), rs.getString(2), rs.getInt(3)), user);
    }

    /** The question of item {@code seq}, if the session has one. */
    public Optional<String> questionAt(String sessionId, int seq) throws SQLException {
      return first(c, "SELECT question_id FROM quiz_solo_items WHERE session_id = ? AND seq = ?",
          rs -> rs.getString(1), sessionId, seq);
    }

    public Optional<Item> firstUnanswered(String sessionId) throws SQLException {
      List<Item> open = list(c, "SELECT seq, question_id, retry FROM quiz_solo_items"
          + " WHERE session_id = ? AND choice IS NULL ORDER BY seq",
          rs -> new Item(rs.getInt(1), rs.getString(2), rs.getBoolean(3), 0), sessionId);
      return open.isEmpty() ? Optional.empty()
          : Optional.of(new Item(open.get(0).seq(), open.get(0).questionId(), open.get(0).retry(), open.size()));
    }

    /**
     * Fills item {@code seq} with the answer; false when it was answered before (a double tap, or
     * the same tap on another instance). {@code choice} -1 marks a question skipped.
     */
    public boolean answer(String sessionId, int seq, int choice, boolean correct, long now) throws SQLException {
      return update(c, "UPDATE quiz_solo_items SET choice = ?, correct = ?, answered_at = ?"
          + " WHERE session_id = ? AND seq = ? AND choice IS NULL", choice, correct, now, sessionId, seq) == 1;
    }

    /** The choice stored for item {@code seq}; -1 when none. */
    public int choiceAt(String sessionId, int seq) throws SQLException {
      return first(c, "SELECT choice FROM quiz_solo_items WHERE session_id = ? AND seq = ?",
          rs -> rs.getInt(1), sessionId, seq).orElse(-1);
    }

    /** Puts the question at the end of the session's queue again. */
    public void requeue(String sessionId, String questionId) throws SQLException {
      int last = first(c, "SELECT MAX(seq) FROM quiz_solo_items WHERE session_id = ?", rs -> rs.getInt(1), sessionId)
          .orElse(0);
      update(c, "INSERT INTO quiz_solo_items (session_id, seq, question_id, retry) VALUES (?, ?, ?, ?)",
          sessionId, last + 1, questionId, true);
    }

    /** Marks the question mastered by the person; nothing changes if it was. */
    public void master(String user, String questionId, long now) throws SQLException {
      update(c, "INSERT INTO quiz_mastered (user_id, question_id, mastered_at) VALUES (?, ?, ?)"
          + " ON CONFLICT (user_id, question_id) DO NOTHING", user, questionId, now);
    }

    public List<String> mastered(String user) throws SQLException {
      return list(c, "SELECT question_id FROM quiz_mastered WHERE user_id = ?", rs -> rs.getString(1), user);
    }

    /** Finishes the session with its score, the first-pass questions answered right; once. */
    public void finish(String sessionId, long now) throws SQLException {
      int score = first(c, "SELECT COUNT(*) FROM quiz_solo_items WHERE session_id = ? AND retry = ? AND correct = ?",
          rs -> rs.getInt(1), sessionId, false, true).orElse(0);
      update(c, "UPDATE quiz_solo_sessions SET finished_at = ?, score = ? WHERE id = ? AND finished_at IS NULL",
          now, score, sessionId);
    }

    /** The person's finished sessions, best score first (then fewer questions, then earlier). */
    public List<Finished> finished(String user) throws SQLException {
      return list(c, "SELECT id, score, size FROM quiz_solo_sessions WHERE user_id = ? AND finished_at IS NOT NULL"
          + " ORDER BY score DESC, size, finished_at", rs -> new Finished(rs.getString(1), rs.getInt(2), rs.getInt(3)),
          user);
    }
  }
}
