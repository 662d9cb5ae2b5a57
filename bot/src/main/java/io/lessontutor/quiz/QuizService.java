package io.lessontutor.quiz;

import io.lessontutor.store.Database;
import io.lessontutor.store.PracticeStore;
import io.lessontutor.store.RoundStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The quiz as front ends see it: channel rounds, the all-time leaderboard and solo practice.
 * Takes and returns plain values; no Slack types. Thread-safe: call it from any thread.
 *
 * <p>Channel rounds run on one timer thread the service owns; everything they do is reported to
 * the {@link RoundListener} from that thread. Rounds, answers and practice live in the database,
 * which several instances may share: each round step runs on one instance under a lease in the
 * database, and after a restart or an outage {@link #resumeOpenRounds()}'s poll picks open rounds
 * up where they were: a question whose time ran out meanwhile is revealed at once with the answers
 * it had, then the round goes on.
 *
 * <p>User and channel ids are opaque strings (Slack ids, or {@code "cli"} in the terminal).
 * Choices are 0-based indexes into {@link QuizQuestion#choices()}.
 */
public final class QuizService implements AutoCloseable {

  /** Default length of {@link #leaderboard(int)} for a chat message. */
  public static final int LEADERBOARD_SIZE = 10;

  private final QuizBank bank;
  private final QuizSettings settings;
  private final ScheduledExecutorService timer;
  private final ChannelRounds rounds;
  private final SoloPractice solo;

  /**
   * @param clock the time answers are scored and deadlines set by; tests pass their own
   */
  public QuizService(QuizBank bank, Database database, RoundListener listener, QuizSettings settings, Clock clock) {
    this(bank, database, listener, settings, clock, ChannelRounds.DEFAULT_LEASE);
  }

  /** The same, with the lease a round step holds (tests shorten it to see an expired one taken over). */
  QuizService(QuizBank bank, Database database, RoundListener listener, QuizSettings settings, Clock clock,
      Duration lease) {
    this.bank = Objects.requireNonNull(bank, "bank");
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(clock, "clock");
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "quiz-timer");
      t.setDaemon(true);
      return t;
    });
    Random random = new Random();
    this.rounds = new ChannelRounds(bank, new RoundStore(database), settings, clock, timer, random, lease);
    rounds.listen(listener);
    this.solo = new SoloPractice(bank, new PracticeStore(database), clock, random);
  }

  /** A service on the system clock. */
  public QuizService(QuizBank bank, Database database, RoundListener listener, QuizSettings settings) {
    this(bank, database, listener, settings, Clock.systemUTC());
  }

  /** A service on the system clock that reports to no one until {@link #listen} is called. */
  public QuizService(QuizBank bank, Database database, QuizSettings settings) {
    this(bank, database, RoundListener.NONE, settings, Clock.systemUTC());
  }

  /**
   * Reports channel rounds to {@code listener} from now on (the front end, once it can post);
   * call before {@link #resumeOpenRounds()}.
   */
  public void listen(RoundListener listener) {
    rounds.listen(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Starts running channel rounds on this instance: every round left open by a previous run is
   * picked up at once, and from then on any round whose next step is overdue (its instance died or
   * lost the database) is picked up within a second. Call once, after the front end is ready to
   * receive listener calls; the terminal never does, so it leaves rounds to the Slack instances.
   *
   * @return how many rounds were open
   */
  public int resumeOpenRounds() {
    return rounds.resumeOpenRounds();
  }

  // ---- channel rounds ----

  private volatile io.lessontutor.metrics.TutorMetrics metrics = io.lessontutor.metrics.TutorMetrics.NONE;

  /** Counts rounds started and taps into the metrics from now on. */
  public QuizService meter(io.lessontutor.metrics.TutorMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    return this;
  }

  /** Starts a round of {@link QuizSettings#roundSize()} questions. */
  public StartResult startRound(String channel, String starter) {
    return startRound(channel, starter, settings.roundSize());
  }

  /**
   * Starts a round of {@code size} questions in the channel, unless one is open there. The first
   * question follows at once through {@link RoundListener#questionAsked}.
   */
  public StartResult startRound(String channel, String starter, int size) {
    StartResult result = rounds.start(Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(starter, "starter"), size);
    metrics.quizRound(result instanceof StartResult.Started ? "started"
        : result instanceof StartResult.AlreadyRunning ? "already_running" : "refused");
    return result;
  }

  /**
   * Records a tap on question {@code number} (1-based) of a round: the person's first answer
   * counts, scored by speed and streak; later ones are reported as already answered.
   *
   * @throws IllegalArgumentException when {@code choice} is not one of the question's choices
   */
  public AnswerResult answer(String roundId, int number, String user, int choice) {
    AnswerResult result = rounds.answer(Objects.requireNonNull(roundId, "roundId"), number,
        Objects.requireNonNull(user, "user"), choice);
    metrics.quizTap(result instanceof AnswerResult.Counted c ? (c.right() ? "right" : "wrong")
        : result instanceof AnswerResult.AlreadyAnswered ? "repeat" : "closed");
    return result;
  }

  /**
   * Ends the channel's round if {@code user} started it: the question being asked is revealed and
   * the round's leaderboard reported, both through the listener, before this returns.
   */
  public StopResult stopRound(String channel, String user) {
    return rounds.stop(Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(user, "user"));
  }

  /** The channel's open round, if any. */
  public Optional<RoundInfo> activeRound(String channel) {
    return rounds.active(channel);
  }

  /** The workspace's all-time board over every round, best first, at most {@code limit} lines. */
  public List<Standing> leaderboard(int limit) {
    return rounds.leaderboard(limit);
  }

  // ---- solo practice ----

  /** Their unfinished practice's next question, or the first of a new 10-question practice. */
  public SoloQuestion startSolo(String user) {
    return solo.start(Objects.requireNonNull(user, "user"));
  }

  /** The next question of their unfinished practice, if they have one. */
  public Optional<SoloQuestion> currentSolo(String user) {
    return solo.current(Objects.requireNonNull(user, "user"));
  }

  /**
   * Answers question {@code seq} of their practice session: instant feedback, and the next
   * question or the final score. A missed question comes back at the end of the queue.
   *
   * @throws IllegalArgumentException when the session is not theirs, or the choice is not valid
   */
  public SoloFeedback answerSolo(String user, String sessionId, int seq, int choice) {
    SoloFeedback feedback = solo.answer(Objects.requireNonNull(user, "user"),
        Objects.requireNonNull(sessionId, "sessionId"), seq, choice);
    metrics.quizTap(!feedback.counted() ? "solo_repeat" : feedback.right() ? "solo_right" : "solo_wrong");
    return feedback;
  }

  /** Best score and mastered questions, for App Home. */
  public SoloProgress progress(String user) {
    return solo.progress(Objects.requireNonNull(user, "user"));
  }

  public QuizBank bank() {
    return bank;
  }

  public QuizSettings settings() {
    return settings;
  }

  /**
   * Stops the timer thread. Open rounds stay open in the database for the next start's
   * {@link #resumeOpenRounds()}.
   */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
