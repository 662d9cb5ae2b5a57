package io.lessontutor.quiz;

import static io.lessontutor.store.Sql.prepare;
import static io.lessontutor.store.Sql.update;

import io.lessontutor.store.Database;
import io.lessontutor.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * One person's quiz at their own pace: a first pass of up to {@value #SIZE} questions (those not
 * yet mastered first), then every missed question again, at the end of the queue, until it is
 * right. The score is the number right at the first try. Everything is saved as it happens, so a
 * session survives restarts and {@link #start} picks up an unfinished one.
 *
 * <p>Thread-safe: each answer is one transaction whose first statement only matches an unanswered
 * queue item, so a double tap counts once.
 */
final class SoloPractice {

  /** Questions in a session's first pass, as in the lesson's end-of-lesson quiz. */
  static final int SIZE = 10;

  private final QuizBank bank;
  private final Database db;
  private final Clock clock;
  private final Random random;

  SoloPractice(QuizBank bank, Database db, Clock clock, Random random) {
    this.bank = bank;
    this.db = db;
    this.clock = clock;
    this.random = random;
  }

  /** Their unfinished session's next question, or the first question of a new session. */
  SoloQuestion start(String user) {
    Optional<SoloQuestion> current = current(user);
    if (current.isPresent()) {
      return current.get();
    }
    try {
      return create(user);
    } catch (StoreException e) {
      // A second "quiz me" at the same moment (another instance, a double tap) created theirs first.
      if (e.uniqueViolation()) {
        return current(user).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  private SoloQuestion create(String user) {
    String id = UUID.randomUUID().toString();
    return db.transaction(c -> {
      Set<String> mastered = new HashSet<>(mastered(c, user));
      List<QuizQuestion> fresh = new ArrayList<>();
      List<QuizQuestion> known = new ArrayList<>();
      bank.questions().forEach(q -> (mastered.contains(q.id()) ? known : fresh).add(q));
      Collections.shuffle(fresh, random);
      Collections.shuffle(known, random);
      fresh.addAll(known);
      List<QuizQuestion> picked = fresh.subList(0, Math.min(SIZE, fresh.size()));
      update(c, "INSERT INTO quiz_solo_sessions (id, user_id, size, started_at) VALUES (?, ?, ?, ?)",
          id, user, picked.size(), clock.millis());
      for (int i = 0; i < picked.size(); i++) {
        update(c, "INSERT INTO quiz_solo_items (session_id, seq, question_id, retry) VALUES (?, ?, ?, ?)",
            id, i + 1, picked.get(i).id(), false);
      }
      return next(c, id, picked.size()).orElseThrow();
    });
  }

  /** The next question of their unfinished session, if they have one. */
  Optional<SoloQuestion> current(String user) {
    return db.transaction(c -> {
      Optional<String[]> session = openSession(c, user);
      if (session.isEmpty()) {
        return Optional.empty();
      }
      return next(c, session.get()[0], Integer.parseInt(session.get()[1]));
    });
  }

  SoloFeedback answer(String user, String sessionId, int seq, int choice) {
    record Item(int size, String questionId) {}
    // Read first, in a transaction of its own: the writing one below must start with its write so
    // that SQLite never has to upgrade a read snapshot another writer has moved past.
    Item item = db.transaction(c -> {
      int size;
      try (PreparedStatement s = prepare(c, "SELECT user_id, size FROM quiz_solo_sessions WHERE id = ?", sessionId);
          ResultSet rs = s.executeQuery()) {
        if (!rs.next() || !rs.getString(1).equals(user)) {
          throw new IllegalArgumentException("no practice session " + sessionId + " for " + user);
        }
        size = rs.getInt(2);
      }
      String questionId;
      try (PreparedStatement s = prepare(c, "SELECT question_id FROM quiz_solo_items WHERE session_id = ? AND seq = ?", sessionId, seq);
          ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("practice session " + sessionId + " has no question " + seq);
        }
        questionId = rs.getString(1);
      }
      return new Item(size, questionId);
    });
    String questionId = item.questionId();
    int size = item.size();
    QuizQuestion question = bank.question(questionId)
        .orElseThrow(() -> new IllegalArgumentException("question " + questionId + " is no longer in the bank"));
    if (!question.hasChoice(choice)) {
      throw new IllegalArgumentException("choice " + choice + " is not one of question " + questionId + "'s");
    }
    boolean right = question.isRight(choice);
    long now = clock.millis();
    return db.transaction(c -> {
      if (update(c, "UPDATE quiz_solo_items SET choice = ?, correct = ?, answered_at = ?"
          + " WHERE session_id = ? AND seq = ? AND choice IS NULL", choice, right, now, sessionId, seq) == 0) {
        return afterward(c, user, sessionId, size, false, firstAnswer(c, sessionId, seq), question, false);
      }
      if (right) {
        // Another session of theirs (another instance) may master it at the same moment.
        update(c, "INSERT INTO quiz_mastered (user_id, question_id, mastered_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (user_id, question_id) DO NOTHING", user, questionId, now);
      } else {
        update(c, "INSERT INTO quiz_solo_items (session_id, seq, question_id, retry) VALUES (?, ?, ?, ?)",
            sessionId, lastSeq(c, sessionId) + 1, questionId, true);
      }
      return afterward(c, user, sessionId, size, true, choice, question, !right);
    });
  }

  SoloProgress progress(String user) {
    return db.transaction(c -> {
      OptionalInt best = OptionalInt.empty();
      int outOf = SIZE;
      int finished = 0;
      try (PreparedStatement s = prepare(c, "SELECT score, size FROM quiz_solo_sessions"
          + " WHERE user_id = ? AND finished_at IS NOT NULL ORDER BY score DESC, size, finished_at", user);
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          if (finished++ == 0) {
            best = OptionalInt.of(rs.getInt(1));
            outOf = rs.getInt(2);
          }
        }
      }
      Set<String> mastered = new HashSet<>(mastered(c, user));
      List<String> inBankOrder = bank.questions().stream().map(QuizQuestion::id).filter(mastered::contains).toList();
      return new SoloProgress(user, best, outOf, finished, inBankOrder, bank.size(), openSession(c, user).isPresent());
    });
  }

  private SoloFeedback afterward(Connection c, String user, String sessionId, int size, boolean counted, int choice,
      QuizQuestion question, boolean comesBack) throws SQLException {
    Optional<SoloQuestion> next = next(c, sessionId, size);
    SoloSummary summary = next.isPresent() ? null : summary(c, user, sessionId, size);
    return new SoloFeedback(counted, question.isRight(choice), choice, question, comesBack, next.orElse(null), summary);
  }

  /** The first unanswered item; skips questions that left the bank, and closes the session when none is left. */
  private Optional<SoloQuestion> next(Connection c, String sessionId, int size) throws SQLException {
    while (true) {
      int seq;
      String questionId;
      boolean retry;
      int remaining;
      try (PreparedStatement s = prepare(c, "SELECT seq, question_id, retry FROM quiz_solo_items"
          + " WHERE session_id = ? AND choice IS NULL ORDER BY seq", sessionId);
          ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          closeSession(c, sessionId);
          return Optional.empty();
        }
        seq = rs.getInt(1);
        questionId = rs.getString(2);
        retry = rs.getBoolean(3);
        remaining = 1;
        while (rs.next()) {
          remaining++;
        }
      }
      Optional<QuizQuestion> question = bank.question(questionId);
      if (question.isPresent()) {
        return Optional.of(new SoloQuestion(sessionId, seq, question.get(), retry, seq, size, remaining));
      }
      // The bank changed since the session began: that question cannot be asked any more.
      update(c, "UPDATE quiz_solo_items SET choice = ?, correct = ?, answered_at = ? WHERE session_id = ? AND seq = ?",
          -1, false, clock.millis(), sessionId, seq);
    }
  }

  private void closeSession(Connection c, String sessionId) throws SQLException {
    int score;
    try (PreparedStatement s = prepare(c, "SELECT COUNT(*) FROM quiz_solo_items"
        + " WHERE session_id = ? AND retry = ? AND correct = ?", sessionId, false, true);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      score = rs.getInt(1);
    }
    update(c, "UPDATE quiz_solo_sessions SET finished_at = ?, score = ? WHERE id = ? AND finished_at IS NULL",
        clock.millis(), score, sessionId);
  }

  private SoloSummary summary(Connection c, String user, String sessionId, int size) throws SQLException {
    int score = 0;
    int bestBefore = -1;
    try (PreparedStatement s = prepare(c, "SELECT id, score FROM quiz_solo_sessions WHERE user_id = ? AND finished_at IS NOT NULL", user);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        if (rs.getString(1).equals(sessionId)) {
          score = rs.getInt(2);
        } else {
          bestBefore = Math.max(bestBefore, rs.getInt(2));
        }
      }
    }
    Set<String> mastered = new HashSet<>(mastered(c, user));
    long inBank = bank.questions().stream().filter(q -> mastered.contains(q.id())).count();
    return new SoloSummary(score, size, Math.max(score, bestBefore), score > bestBefore, (int) inBank, bank.size());
  }

  private static Optional<String[]> openSession(Connection c, String user) throws SQLException {
    try (PreparedStatement s = prepare(c, "SELECT id, size FROM quiz_solo_sessions"
        + " WHERE user_id = ? AND finished_at IS NULL ORDER BY started_at DESC", user);
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? Optional.of(new String[] {rs.getString(1), String.valueOf(rs.getInt(2))}) : Optional.empty();
    }
  }

  private static List<String> mastered(Connection c, String user) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement s = prepare(c, "SELECT question_id FROM quiz_mastered WHERE user_id = ?", user);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private static int firstAnswer(Connection c, String sessionId, int seq) throws SQLException {
    try (PreparedStatement s = prepare(c, "SELECT choice FROM quiz_solo_items WHERE session_id = ? AND seq = ?", sessionId, seq);
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getInt(1) : -1;
    }
  }

  private static int lastSeq(Connection c, String sessionId) throws SQLException {
    try (PreparedStatement s = prepare(c, "SELECT MAX(seq) FROM quiz_solo_items WHERE session_id = ?", sessionId);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
