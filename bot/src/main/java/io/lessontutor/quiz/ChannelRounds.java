package io.lessontutor.quiz;

import io.lessontutor.store.RoundStore;
import io.lessontutor.store.RoundStore.Round;
import io.lessontutor.store.RoundStore.TapOutcome;
import io.lessontutor.store.StoreException;
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
 * Channel rounds, kept in the database so that a restart, a database outage or a second instance
 * loses nothing.
 *
 * <p>A round's progress is read from its rows each time: the first question not yet revealed is
 * asked if it was not, revealed if its deadline has passed, or waited for. Each such step is due at
 * a time stored with the round; an instance runs it only while it holds the round's lease in the
 * database ({@link RoundStore#claim}), so two instances never run one step at once, and the
 * store's transitions only act on the state they expect, so a step is never done twice. The
 * instance that ran a step arms a local timer for the next; every instance also polls for overdue
 * steps every {@link #POLL} (an instance that died, a timer lost while the database was down), so
 * a round goes on as soon as any instance can reach the database. Steps and stops run on this
 * instance's single timer thread.
 *
 * <p>Taps come from any thread and any instance and go straight to the database; the store
 * serialises each tap with the reveal (see {@link RoundStore#tap}), so every tap told "counted" is
 * in the reveal, and a tap after it is refused.
 */
final class ChannelRounds {

  private static final Logger log = LoggerFactory.getLogger(ChannelRounds.class);
  /** How often each instance looks for overdue steps. */
  static final Duration POLL = Duration.ofSeconds(1);
  /**
   * How long a lease on a step lasts: far longer than a step (a few Web API calls) takes, and how
   * long a round waits for another instance when the one running its step dies mid-step.
   */
  static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);
  private static final long STOP_TIMEOUT_SECONDS = 30;
  private static final long STOP_RETRY_MILLIS = 50;

  private final QuizBank bank;
  private final RoundStore store;
  private final QuizSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final Random random;
  private final Duration lease;
  /** This instance's name on the leases it holds. */
  private final String owner = UUID.randomUUID().toString();
  private volatile RoundListener listener = RoundListener.NONE;

  ChannelRounds(QuizBank bank, RoundStore store, QuizSettings settings, Clock clock,
      ScheduledExecutorService timer, Random random, Duration lease) {
    this.lease = lease;
    this.bank = bank;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.timer = timer;
    this.random = random;
  }

  void listen(RoundListener listener) {
    this.listener = listener;
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
    List<String> questions = picked.subList(0, size).stream().map(QuizQuestion::id).toList();
    if (!store.create(id, channel, starter, settings.questionTime().toMillis(), questions, clock.millis())) {
      // Another start (on this instance or another) won the channel's primary key.
      Optional<RoundInfo> winner = active(channel);
      if (winner.isPresent()) {
        return new StartResult.AlreadyRunning(winner.get());
      }
      throw new IllegalStateException("round " + id + " could not be stored, and no round is open in " + channel);
    }
    timer.execute(() -> step(id));
    return new StartResult.Started(new RoundInfo(id, channel, starter, size, 0, null));
  }

  AnswerResult answer(String roundId, int number, String user, int choice) {
    long now = clock.millis();
    Round round = store.load(roundId).orElse(null);
    if (round == null || !round.open() || number < 1 || number > round.questions().size()) {
      return new AnswerResult.Closed("That quiz round is over.");
    }
    RoundStore.Question q = round.questions().get(number - 1);
    if (q.revealed() || q.askedAt() == null || now > q.deadline()) {
      return new AnswerResult.Closed("Time is up for that question.");
    }
    QuizQuestion question = bank.question(q.questionId())
        .orElseThrow(() -> new IllegalStateException("question " + q.questionId() + " is no longer in the bank"));
    if (!question.hasChoice(choice)) {
      throw new IllegalArgumentException("choice " + choice + " is not one of question " + question.id() + "'s");
    }
    int streakBefore = store.streakAfter(roundId, number - 1, user);
    Scoring.Score score = Scoring.score(question.isRight(choice), Duration.ofMillis(now - q.askedAt()),
        Duration.ofMillis(round.questionMillis()), streakBefore);
    TapOutcome outcome = store.tap(new RoundStore.Tap(roundId, number, user, choice, score.right(), score.points(),
        score.streak(), now));
    return switch (outcome) {
      case COUNTED -> new AnswerResult.Counted(choice, score.right(), score.points(), score.streak());
      case ALREADY_ANSWERED -> new AnswerResult.AlreadyAnswered(store.choiceOf(roundId, number, user));
      case CLOSED -> new AnswerResult.Closed("Time is up for that question.");
    };
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
    return store.activeRoundId(channel).flatMap(store::load).filter(Round::open).map(ChannelRounds::info);
  }

  /** The all-time board over every round's answers, stopped rounds included. */
  List<Standing> leaderboard(int limit) {
    return ranked(store.allTimeTotals(), limit);
  }

  /**
   * Starts this instance's poll for overdue steps, which at once picks up every round left open
   * by a previous run (the poll's first run is now); returns how many rounds are open.
   */
  int resumeOpenRounds() {
    List<String> open = store.openRounds();
    if (!open.isEmpty()) {
      log.info("resuming {} open quiz round(s)", open.size());
    }
    try {
      timer.scheduleWithFixedDelay(this::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.info("quiz timer stopped before it could resume rounds");
    }
    return open.size();
  }

  private void poll() {
    try {
      for (String id : store.dueRounds(clock.millis(), owner)) {
        step(id);
      }
    } catch (StoreException e) {
      // The database is out of reach: the next poll tries again, and the round goes on from there.
      log.warn("quiz rounds: cannot look for due steps ({})", e.getMessage());
    } catch (RuntimeException e) {
      log.error("quiz rounds: the poll for due steps failed", e);
    }
  }

  /** Runs the round's next step if it is due and this instance gets its lease; on the timer thread only. */
  void step(String roundId) {
    long now = clock.millis();
    boolean claimed;
    try {
      claimed = store.claim(roundId, owner, now, now + lease.toMillis(), true);
      if (!claimed) {
        // Not due yet (a timer that fired early), held by another instance, or closed.
        store.nextStepAt(roundId).filter(at -> at > now).ifPresent(at -> schedule(roundId, at - now));
        return;
      }
    } catch (StoreException e) {
      log.warn("quiz round {}: cannot reach the database for its next step; the poll retries ({})", roundId,
          e.getMessage());
      return;
    }
    Long next = null;
    try {
      next = advance(roundId);
    } catch (RuntimeException e) {
      // Left due: the poll runs it again (here or on another instance) once the database answers.
      log.error("quiz round {} could not advance", roundId, e);
    } finally {
      try {
        store.release(roundId, owner, next);
      } catch (StoreException e) {
        log.warn("quiz round {}: could not give back its lease; it expires in {} s", roundId, lease.toSeconds());
      }
    }
    if (next != null) {
      schedule(roundId, next - clock.millis());
    }
  }

  /** One step of a round, under its lease; returns when the next step is due, or null when the round is over. */
  private Long advance(String roundId) {
    Round round = store.load(roundId).orElse(null);
    if (round == null || !round.open()) {
      return null; // stopped or finished meanwhile
    }
    RoundStore.Question q = round.questions().stream().filter(x -> !x.revealed()).findFirst().orElse(null);
    if (q == null) {
      finish(round, false);
      return null;
    }
    QuizQuestion question = bank.question(q.questionId()).orElse(null);
    if (question == null) {
      log.warn("quiz round {}: question {} left the bank; closing the round with its scores", roundId, q.questionId());
      finish(round, false);
      return null;
    }
    long now = clock.millis();
    if (q.askedAt() == null) {
      return ask(round, q, question, now);
    }
    if (now < q.deadline()) {
      return q.deadline();
    }
    reveal(round, q, question, false);
    if (q.number() == round.size()) {
      finish(store.load(roundId).orElseThrow(), false);
      return null;
    }
    return clock.millis() + settings.revealPause().toMillis();
  }

  private long ask(Round round, RoundStore.Question q, QuizQuestion question, long now) {
    long deadline = now + round.questionMillis();
    if (store.markAsked(round.id(), q.number(), now, deadline)) {
      String ref = null;
      try {
        ref = listener.questionAsked(new AskedQuestion(
            round.id(), round.channel(), q.number(), round.size(), question, Instant.ofEpochMilli(deadline)));
      } catch (RuntimeException e) {
        log.error("quiz round {}: the listener failed to ask question {}", round.id(), q.number(), e);
      }
      if (ref != null) {
        store.saveMessageRef(round.id(), q.number(), ref);
      }
      return deadline;
    }
    return store.load(round.id()).map(r -> r.questions().get(q.number() - 1).deadline()).orElse(deadline);
  }

  private void reveal(Round round, RoundStore.Question q, QuizQuestion question, boolean stopped) {
    Optional<List<RoundStore.Answer>> answers = store.reveal(round.id(), q.number());
    if (answers.isEmpty()) {
      return;
    }
    List<RevealedQuestion.RightAnswer> right = answers.get().stream().filter(RoundStore.Answer::correct)
        .map(a -> new RevealedQuestion.RightAnswer(a.user(), a.points(), a.streak())).toList();
    try {
      listener.questionRevealed(new RevealedQuestion(round.id(), round.channel(), q.number(), round.size(), question,
          q.messageRef(), right, answers.get().size(), stopped));
    } catch (RuntimeException e) {
      log.error("quiz round {}: the listener failed to reveal question {}", round.id(), q.number(), e);
    }
  }

  private RoundResult stopNow(String roundId) throws InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_TIMEOUT_SECONDS);
    // Wait for a step another instance is running to end; the stop then runs under the lease.
    while (!store.claim(roundId, owner, clock.millis(), clock.millis() + lease.toMillis(), false)) {
      if (store.nextStepAt(roundId).isEmpty()) {
        return null; // it ended meanwhile
      }
      if (System.nanoTime() > giveUp) {
        throw new IllegalStateException("round " + roundId + " stayed busy on another instance");
      }
      Thread.sleep(STOP_RETRY_MILLIS);
    }
    try {
      Round round = store.load(roundId).orElse(null);
      if (round == null || !round.open()) {
        return null;
      }
      round.questions().stream().filter(q -> q.askedAt() != null && !q.revealed()).findFirst()
          .ifPresent(q -> bank.question(q.questionId()).ifPresent(question -> reveal(round, q, question, true)));
      return finish(store.load(roundId).orElseThrow(), true);
    } finally {
      store.release(roundId, owner, null);
    }
  }

  private RoundResult finish(Round round, boolean stopped) {
    Optional<List<RoundStore.Total>> totals = store.close(round.id(), stopped ? RoundStore.STOPPED : RoundStore.FINISHED,
        clock.millis());
    if (totals.isEmpty()) {
      return null;
    }
    int asked = (int) round.questions().stream().filter(q -> q.askedAt() != null).count();
    RoundResult result = new RoundResult(round.id(), round.channel(), round.starter(), asked, round.size(), stopped,
        ranked(totals.get(), Integer.MAX_VALUE));
    try {
      listener.roundFinished(result);
    } catch (RuntimeException e) {
      log.error("quiz round {}: the listener failed to finish the round", round.id(), e);
    }
    return result;
  }

  private void schedule(String roundId, long delayMillis) {
    try {
      timer.schedule(() -> step(roundId), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Shutting down: the round stays open in the database and any instance's poll picks it up.
      log.info("quiz round {} left open for another instance or the next start", roundId);
    }
  }

  /** Ranks totals, best first; equal points share a rank. */
  private static List<Standing> ranked(List<RoundStore.Total> totals, int limit) {
    List<Standing> board = new ArrayList<>();
    int previousPoints = -1;
    int rank = 0;
    for (RoundStore.Total total : totals) {
      if (board.size() >= limit) {
        break;
      }
      rank = total.points() == previousPoints ? rank : board.size() + 1;
      previousPoints = total.points();
      board.add(new Standing(rank, total.user(), total.points(), total.right()));
    }
    return board;
  }

  private static RoundInfo info(Round round) {
    RoundStore.Question current = null;
    for (RoundStore.Question q : round.questions()) {
      if (q.askedAt() != null) {
        current = q;
      }
    }
    return new RoundInfo(round.id(), round.channel(), round.starter(), round.size(),
        current == null ? 0 : current.number(), current == null ? null : current.messageRef());
  }
}
