package io.lessontutor.quiz;

import io.lessontutor.store.Database;
import io.lessontutor.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel rounds, kept in the database so that a restart loses nothing.
 *
 * <p>The round's progress is read from its rows each time: the first question not yet revealed is
 * asked if it was not, revealed if its deadline has passed, or waited for. {@link #advance} does
 * that step and is run only on the single timer thread, as are stops, so a round's steps never
 * overlap. Answers come from any thread and go straight to the database: one {@code INSERT ...
 * SELECT} that only matches while the question is unrevealed and inside its deadline, against a
 * UNIQUE (round, question, user) constraint, so a reveal (which first flips {@code revealed})
 * either sees an answer or the answer is refused, and concurrent taps count once.
 *
 * <p>On restart, {@link #resumeOpenRounds} resumes every open round: timers are re-armed for the
 * remaining time, and a question whose deadline passed while the tutor was down is revealed at
 * once with the answers it got before, then the round goes on.
 */
final class ChannelRounds {

  private static final Logger log = LoggerFactory.getLogger(ChannelRounds.class);
  private static final String OPEN = "open";
  private static final String FINISHED = "finished";
  private static final String STOPPED = "stopped";
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private final QuizBank bank;
  private final Database db;
  private final RoundListener listener;
  private final QuizSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final Random random;

  ChannelRounds(QuizBank bank, Database db, RoundListener listener, QuizSettings settings, Clock clock,
      ScheduledExecutorService timer, Random random) {
    this.bank = bank;
    this.db = db;
    this.listener = listener;
    this.settings = settings;
    this.clock = clock;
    this.timer = timer;
    this.random = random;
  }

  StartResult start(String channel, String starter, int size) {
    if (size < 1 || size > bank.size()) {
      return new StartResult.Refused("A round has 1 to " + bank.size() + " questions.");
    }
    Optional<RoundInfo> running = active(channel);
    if (running.isPresent()) {
      return new StartResult.AlreadyRunning(running.get());
    }
    String id = UUID.randomUUID().toString();
    List<QuizQuestion> picked = new ArrayList<>(bank.questions());
    Collections.shuffle(picked, random);
    List<QuizQuestion> questions = picked.subList(0, size);
    try {
      db.transaction(c -> {
        update(c, "INSERT INTO quiz_rounds (id, channel, starter, size, question_millis, status, started_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)", id, channel, starter, size, settings.questionTime().toMillis(), OPEN, clock.millis());
        // The channel's primary key makes a concurrent second start fail here.
        update(c, "INSERT INTO quiz_active_rounds (channel, round_id) VALUES (?, ?)", channel, id);
        for (int i = 0; i < questions.size(); i++) {
          update(c, "INSERT INTO quiz_round_questions (round_id, question_no, question_id, revealed) VALUES (?, ?, ?, ?)",
              id, i + 1, questions.get(i).id(), false);
        }
        return null;
      });
    } catch (StoreException e) {
      if (isUniqueViolation(e)) {
        Optional<RoundInfo> winner = active(channel);
        if (winner.isPresent()) {
          return new StartResult.AlreadyRunning(winner.get());
        }
      }
      throw e;
    }
    timer.execute(() -> advance(id));
    return new StartResult.Started(new RoundInfo(id, channel, starter, size, 0, null));
  }

  AnswerResult answer(String roundId, int number, String user, int choice) {
    long now = clock.millis();
    Round round = load(roundId).orElse(null);
    if (round == null || !round.open() || number < 1 || number > round.questions.size()) {
      return new AnswerResult.Closed("That quiz round is over.");
    }
    RoundQuestion q = round.questions.get(number - 1);
    if (q.revealed || q.askedAt == null || now > q.deadline) {
      return new AnswerResult.Closed("Time is up for that question.");
    }
    QuizQuestion question = bank.question(q.questionId)
        .orElseThrow(() -> new IllegalStateException("question " + q.questionId + " is no longer in the bank"));
    if (!question.hasChoice(choice)) {
      throw new IllegalArgumentException("choice " + choice + " is not one of question " + question.id() + "'s");
    }
    int streakBefore = db.transaction(c -> {
      try (PreparedStatement s = prepare(c,
          "SELECT streak FROM quiz_answers WHERE round_id = ? AND question_no = ? AND user_id = ?", roundId, number - 1, user);
          ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    });
    Scoring.Score score = Scoring.score(question.isRight(choice), Duration.ofMillis(now - q.askedAt),
        Duration.ofMillis(round.questionMillis), streakBefore);
    int inserted;
    try {
      // One statement, so that it cannot interleave with the reveal that flips 'revealed'.
      inserted = db.transaction(c -> update(c,
          "INSERT INTO quiz_answers (round_id, question_no, user_id, choice, correct, points, streak, answered_at)"
              + " SELECT CAST(? AS VARCHAR(64)), CAST(? AS INTEGER), CAST(? AS VARCHAR(64)), CAST(? AS INTEGER),"
              + " CAST(? AS BOOLEAN), CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS BIGINT)"
              + " FROM quiz_round_questions WHERE round_id = ? AND question_no = ? AND revealed = ? AND deadline >= ?",
          roundId, number, user, choice, score.right(), score.points(), score.streak(), now,
          roundId, number, false, now));
    } catch (StoreException e) {
      if (isUniqueViolation(e)) {
        return new AnswerResult.AlreadyAnswered(firstChoice(roundId, number, user));
      }
      throw e;
    }
    if (inserted == 0) {
      return new AnswerResult.Closed("Time is up for that question.");
    }
    return new AnswerResult.Counted(choice, score.right(), score.points(), score.streak());
  }

  StopResult stop(String channel, String user) {
    Optional<RoundInfo> running = active(channel);
    if (running.isEmpty()) {
      return new StopResult.NoRound();
    }
    RoundInfo round = running.get();
    if (!round.starter().equals(user)) {
      return new StopResult.NotStarter(round.starter());
    }
    try {
      RoundResult result = timer.submit(() -> stopNow(round.roundId())).get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return result == null ? new StopResult.NoRound() : new StopResult.Stopped(result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping round " + round.roundId(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not stop round " + round.roundId(), e);
    }
  }

  Optional<RoundInfo> active(String channel) {
    Optional<String> id = db.transaction(c -> {
      try (PreparedStatement s = prepare(c, "SELECT round_id FROM quiz_active_rounds WHERE channel = ?", channel);
          ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
      }
    });
    return id.flatMap(this::load).filter(Round::open).map(Round::info);
  }

  /** The all-time board over every round's answers, stopped rounds included. */
  List<Standing> leaderboard(int limit) {
    return db.transaction(c -> standings(c, null, limit));
  }

  int resumeOpenRounds() {
    List<String> open = db.transaction(c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement s = prepare(c, "SELECT id FROM quiz_rounds WHERE status = ? ORDER BY started_at", OPEN);
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    });
    open.forEach(id -> timer.execute(() -> advance(id)));
    if (!open.isEmpty()) {
      log.info("resuming {} open quiz round(s)", open.size());
    }
    return open.size();
  }

  /** One step of a round; on the timer thread only. */
  void advance(String roundId) {
    try {
      Round round = load(roundId).orElse(null);
      if (round == null || !round.open()) {
        return; // stopped or finished meanwhile: a stale timer
      }
      RoundQuestion q = round.questions.stream().filter(x -> !x.revealed).findFirst().orElse(null);
      if (q == null) {
        finish(round, false);
        return;
      }
      QuizQuestion question = bank.question(q.questionId).orElse(null);
      if (question == null) {
        log.warn("quiz round {}: question {} left the bank; closing the round with its scores", roundId, q.questionId);
        finish(round, false);
        return;
      }
      long now = clock.millis();
      if (q.askedAt == null) {
        ask(round, q, question, now);
      } else if (now >= q.deadline) {
        reveal(round, q, question, false);
        if (q.number == round.size) {
          finish(load(roundId).orElseThrow(), false);
        } else {
          schedule(roundId, settings.revealPause().toMillis());
        }
      } else {
        schedule(roundId, q.deadline - now);
      }
    } catch (RuntimeException e) {
      // A failing database should not kill the timer thread; the next restart resumes the round.
      log.error("quiz round {} could not advance", roundId, e);
    }
  }

  private void ask(Round round, RoundQuestion q, QuizQuestion question, long now) {
    long deadline = now + round.questionMillis;
    int updated = db.transaction(c -> update(c,
        "UPDATE quiz_round_questions SET asked_at = ?, deadline = ? WHERE round_id = ? AND question_no = ? AND asked_at IS NULL",
        now, deadline, round.id, q.number));
    if (updated == 1) {
      String ref = null;
      try {
        ref = listener.questionAsked(new AskedQuestion(
            round.id, round.channel, q.number, round.size, question, Instant.ofEpochMilli(deadline)));
      } catch (RuntimeException e) {
        log.error("quiz round {}: the listener failed to ask question {}", round.id, q.number, e);
      }
      if (ref != null) {
        String messageRef = ref;
        db.transaction(c -> update(c, "UPDATE quiz_round_questions SET message_ref = ? WHERE round_id = ? AND question_no = ?",
            messageRef, round.id, q.number));
      }
    }
    schedule(round.id, Math.max(0, deadline - clock.millis()));
  }

  private void reveal(Round round, RoundQuestion q, QuizQuestion question, boolean stopped) {
    record Revealed(List<RevealedQuestion.RightAnswer> right, int answers) {}
    Revealed revealed = db.transaction(c -> {
      // Flipping the flag first takes the write lock: answers committed before are all seen below,
      // answers after it no longer match their INSERT ... SELECT.
      if (update(c, "UPDATE quiz_round_questions SET revealed = ? WHERE round_id = ? AND question_no = ? AND revealed = ?",
          true, round.id, q.number, false) == 0) {
        return null;
      }
      List<RevealedQuestion.RightAnswer> right = new ArrayList<>();
      int answers = 0;
      try (PreparedStatement s = prepare(c, "SELECT user_id, correct, points, streak FROM quiz_answers"
          + " WHERE round_id = ? AND question_no = ? ORDER BY points DESC, answered_at, user_id", round.id, q.number);
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          answers++;
          if (rs.getBoolean(2)) {
            right.add(new RevealedQuestion.RightAnswer(rs.getString(1), rs.getInt(3), rs.getInt(4)));
          }
        }
      }
      return new Revealed(right, answers);
    });
    if (revealed == null) {
      return;
    }
    try {
      listener.questionRevealed(new RevealedQuestion(round.id, round.channel, q.number, round.size, question,
          q.messageRef, revealed.right(), revealed.answers(), stopped));
    } catch (RuntimeException e) {
      log.error("quiz round {}: the listener failed to reveal question {}", round.id, q.number, e);
    }
  }

  private RoundResult stopNow(String roundId) {
    Round round = load(roundId).orElse(null);
    if (round == null || !round.open()) {
      return null;
    }
    round.questions.stream().filter(q -> q.askedAt != null && !q.revealed).findFirst()
        .ifPresent(q -> bank.question(q.questionId).ifPresent(question -> reveal(round, q, question, true)));
    return finish(load(roundId).orElseThrow(), true);
  }

  private RoundResult finish(Round round, boolean stopped) {
    long now = clock.millis();
    List<Standing> board = db.transaction(c -> {
      if (update(c, "UPDATE quiz_rounds SET status = ?, ended_at = ? WHERE id = ? AND status = ?",
          stopped ? STOPPED : FINISHED, now, round.id, OPEN) == 0) {
        return null;
      }
      update(c, "DELETE FROM quiz_active_rounds WHERE round_id = ?", round.id);
      return standings(c, round.id, Integer.MAX_VALUE);
    });
    if (board == null) {
      return null;
    }
    int asked = (int) round.questions.stream().filter(q -> q.askedAt != null).count();
    RoundResult result = new RoundResult(round.id, round.channel, round.starter, asked, round.size, stopped, board);
    try {
      listener.roundFinished(result);
    } catch (RuntimeException e) {
      log.error("quiz round {}: the listener failed to finish the round", round.id, e);
    }
    return result;
  }

  private void schedule(String roundId, long delayMillis) {
    try {
      timer.schedule(() -> advance(roundId), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Shutting down: the round stays open in the database and the next start resumes it.
      log.info("quiz round {} left open for the next start", roundId);
    }
  }

  private int firstChoice(String roundId, int number, String user) {
    return db.transaction(c -> {
      try (PreparedStatement s = prepare(c,
          "SELECT choice FROM quiz_answers WHERE round_id = ? AND question_no = ? AND user_id = ?", roundId, number, user);
          ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getInt(1) : -1;
      }
    });
  }

  /** Standings over one round's answers, or over all answers when {@code roundId} is null. */
  private static List<Standing> standings(Connection c, String roundId, int limit) throws SQLException {
    String sql = "SELECT user_id, SUM(points), SUM(CASE WHEN correct THEN 1 ELSE 0 END) FROM quiz_answers"
        + (roundId == null ? "" : " WHERE round_id = ?")
        + " GROUP BY user_id HAVING SUM(points) > 0 ORDER BY SUM(points) DESC, user_id";
    List<Standing> board = new ArrayList<>();
    try (PreparedStatement s = roundId == null ? prepare(c, sql) : prepare(c, sql, roundId);
        ResultSet rs = s.executeQuery()) {
      int previousPoints = -1;
      int rank = 0;
      while (rs.next() && board.size() < limit) {
        int points = rs.getInt(2);
        rank = points == previousPoints ? rank : board.size() + 1;
        previousPoints = points;
        board.add(new Standing(rank, rs.getString(1), points, rs.getInt(3)));
      }
    }
    return board;
  }

  private Optional<Round> load(String roundId) {
    return db.transaction(c -> {
      Round round;
      try (PreparedStatement s = prepare(c,
          "SELECT channel, starter, size, question_millis, status FROM quiz_rounds WHERE id = ?", roundId);
          ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        round = new Round(roundId, rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5), new ArrayList<>());
      }
      try (PreparedStatement s = prepare(c, "SELECT question_no, question_id, asked_at, deadline, revealed, message_ref"
          + " FROM quiz_round_questions WHERE round_id = ? ORDER BY question_no", roundId);
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long asked = rs.getLong(3);
          Long askedAt = rs.wasNull() ? null : asked;
          round.questions.add(new RoundQuestion(rs.getInt(1), rs.getString(2), askedAt, rs.getLong(4), rs.getBoolean(5), rs.getString(6)));
        }
      }
      return Optional.of(round);
    });
  }

  private record Round(String id, String channel, String starter, int size, long questionMillis, String status,
      List<RoundQuestion> questions) {
    boolean open() {
      return OPEN.equals(status);
    }

    RoundInfo info() {
      RoundQuestion current = null;
      for (RoundQuestion q : questions) {
        if (q.askedAt != null) {
          current = q;
        }
      }
      return new RoundInfo(id, channel, starter, size, current == null ? 0 : current.number, current == null ? null : current.messageRef);
    }
  }

  private record RoundQuestion(int number, String questionId, Long askedAt, long deadline, boolean revealed, String messageRef) {}

  static boolean isUniqueViolation(StoreException e) {
    return e.getCause() instanceof SQLException sql && Database.isUniqueViolation(sql);
  }

  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = prepare(c, sql, params)) {
      return s.executeUpdate();
    }
  }

  static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    try {
      for (int i = 0; i < params.length; i++) {
        Object p = params[i];
        if (p instanceof Boolean b) {
          s.setBoolean(i + 1, b);
        } else {
          s.setObject(i + 1, p);
        }
      }
    } catch (SQLException e) {
      s.close();
      throw e;
    }
    return s;
  }
}
