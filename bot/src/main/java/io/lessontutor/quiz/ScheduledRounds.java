package io.lessontutor.quiz;

import io.lessontutor.store.ScheduleStore;
import io.lessontutor.store.ScheduleStore.Schedule;
import io.lessontutor.store.StoreException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quiz rounds that run by themselves on a channel's {@link RoundSchedule}: a reminder
 * {@link #REMIND_BEFORE} ahead, the round (run like any other by {@link QuizService}), and the
 * season's standings once it has ended. The schedules live in the database; every instance
 * polls them every {@link #POLL}, and each step is taken by a conditional update only one
 * instance can win, so a step happens once however many instances run, and a restart loses none.
 * A run missed by more than {@link #MISSED_AFTER} (every instance was down) is skipped, not run late.
 * Listener calls happen on this class's own thread.
 */
public final class ScheduledRounds implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ScheduledRounds.class);

  public static final Duration REMIND_BEFORE = Duration.ofMinutes(5);
  public static final Duration MISSED_AFTER = Duration.ofHours(1);
  static final Duration POLL = Duration.ofSeconds(1);
  /** How many people the season's standings list. */
  public static final int STANDINGS_SIZE = 10;

  /** What a scheduled round tells the channel; the Slack layer posts it. */
  public interface Listener {
    /** The round starts at {@code startsAt}, a few minutes from now. */
    void reminder(String channel, Instant startsAt, RoundSchedule schedule);

    /** The round could not start (e.g. someone's round is still open): {@code reason} says why. */
    void notStarted(String channel, String reason);

    /** The scheduled round ended; the season so far, best first. */
    void seasonStandings(String channel, List<Standing> standings);
  }

  private final QuizService quiz;
  private final ScheduleStore store;
  private final Clock clock;
  private final ZoneId defaultZone;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(work -> {
    Thread thread = new Thread(work, "quiz-schedules");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Listener listener;

  public ScheduledRounds(QuizService quiz, ScheduleStore store, Clock clock, ZoneId defaultZone) {
    this.quiz = Objects.requireNonNull(quiz, "quiz");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
  }

  /** The zone a schedule given without one runs in. */
  public ZoneId defaultZone() {
    return defaultZone;
  }

  /** Starts polling the schedules, reporting to the listener; call once. */
  public void start(Listener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    timer.scheduleWithFixedDelay(this::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sets the channel's schedule and returns when its first round runs. */
  public Instant schedule(String channel, RoundSchedule schedule, String by) {
    Instant now = clock.instant();
    Instant next = schedule.nextAfter(now);
    store.save(channel, schedule.weekly() ? "weekly" : "daily", schedule.weekly() ? schedule.day().getValue() : null,
        schedule.time().toString(), schedule.zone().getId(), by, now.toEpochMilli(), next.toEpochMilli());
    return next;
  }

  /** Ends the channel's schedule; false when it had none. */
  public boolean unschedule(String channel) {
    return store.delete(channel);
  }

  /** The channel's schedule and its next run, if it has one. */
  public Optional<Scheduled> scheduled(String channel) {
    return store.find(channel).map(s -> new Scheduled(schedule(s), Instant.ofEpochMilli(s.nextRunAt())));
  }

  /** A schedule and its next run. */
  public record Scheduled(RoundSchedule schedule, Instant nextRun) {}

  private static RoundSchedule schedule(Schedule s) {
    return new RoundSchedule(s.dayOfWeek() == null ? null : DayOfWeek.of(s.dayOfWeek()), LocalTime.parse(s.localTime()),
        ZoneId.of(s.zone()));
  }

  private void poll() {
    try {
      tick();
    } catch (StoreException e) {
      log.warn("quiz schedules: cannot read them ({}); trying again", e.getMessage());
    } catch (RuntimeException e) {
      log.error("quiz schedules: a step failed", e);
    }
  }

  /** One look at every schedule: whatever step is due and not yet taken, this instance tries to take. */
  void tick() {
    long now = clock.millis();
    for (Schedule s : store.all()) {
      RoundSchedule schedule = schedule(s);
      if (s.lastRoundId() != null && !s.lastRoundId().equals(s.standingsFor())
          && quiz.activeRound(s.channel()).map(r -> !r.roundId().equals(s.lastRoundId())).orElse(true)
          && store.takeStandings(s.channel(), s.lastRoundId())) {
        listener.seasonStandings(s.channel(), standings(s));
      }
      if (now >= s.nextRunAt()) {
        long next = schedule.nextAfter(Instant.ofEpochMilli(Math.max(now, s.nextRunAt()))).toEpochMilli();
        if (!store.takeRun(s.channel(), s.nextRunAt(), next)) {
          continue;
        }
        if (now - s.nextRunAt() > MISSED_AFTER.toMillis()) {
          log.info("quiz schedule in {}: skipped the run due {} (missed while no instance ran)", s.channel(),
              Instant.ofEpochMilli(s.nextRunAt()));
          continue;
        }
        run(s);
      } else if (now >= s.nextRunAt() - REMIND_BEFORE.toMillis() && s.remindedFor() != s.nextRunAt()
          && store.takeReminder(s.channel(), s.nextRunAt())) {
        listener.reminder(s.channel(), Instant.ofEpochMilli(s.nextRunAt()), schedule);
      }
    }
  }

  private void run(Schedule s) {
    StartResult result = quiz.startRound(s.channel(), s.createdBy());
    if (result instanceof StartResult.Started started) {
      store.roundStarted(s.channel(), started.round().roundId());
      log.info("quiz schedule in {}: started round {}", s.channel(), started.round().roundId());
    } else if (result instanceof StartResult.AlreadyRunning) {
      listener.notStarted(s.channel(), "A round was already running here, so the scheduled one is skipped this time.");
    } else if (result instanceof StartResult.Refused refused) {
      listener.notStarted(s.channel(), refused.reason());
    }
  }

  private List<Standing> standings(Schedule s) {
    var totals = store.season(s.channel(), s.seasonStart(), STANDINGS_SIZE);
    List<Standing> standings = new java.util.ArrayList<>();
    for (int i = 0; i < totals.size(); i++) {
      var t = totals.get(i);
      standings.add(new Standing(i + 1, t.user(), t.points(), t.right()));
    }
    return List.copyOf(standings);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
