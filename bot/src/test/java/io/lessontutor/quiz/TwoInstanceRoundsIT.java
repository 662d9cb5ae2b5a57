package io.lessontutor.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.store.Database;
import io.lessontutor.store.FaultyLink;
import io.lessontutor.store.TestDatabases;
import io.lessontutor.store.TestDatabases.Kind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two instances of the tutor on one database: two quiz services, each with its own connections,
 * timer and poll, as two processes would have. On SQLite and on a real PostgreSQL server.
 */
class TwoInstanceRoundsIT {

  static final int REPETITIONS = 50;
  static final int PEOPLE = 12;
  /** Taps land from this long before the deadline to about as long after it. */
  static final long SPREAD_MILLIS = 30;

  @TempDir Path dir;

  /** A lease shorter than the default 15 s, so that one left by an instance cut off mid-step expires during a test. */
  static final Duration LEASE = Duration.ofSeconds(1);

  private static QuizService instance(Database db, RoundListener listener, Duration questionTime, int size) {
    return new QuizService(ChannelRoundsTest.BANK, db, listener, new QuizSettings(questionTime, Duration.ZERO, size),
        Clock.systemUTC(), LEASE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lessontutor.store.TestDatabases#kinds")
  void every_tap_told_locked_in_is_in_the_reveal_and_every_later_one_is_told_it_was_too_late(Kind kind)
      throws Exception {
    String url = TestDatabases.url(kind, dir);
    RecordingListener events = new RecordingListener();
    ExecutorService people = Executors.newFixedThreadPool(PEOPLE);
    int counted = 0;
    int tooLate = 0;
    try (Database dbA = Database.open(url); Database dbB = Database.open(url);
        QuizService a = instance(dbA, events, Duration.ofMillis(150), 1);
        QuizService b = instance(dbB, events, Duration.ofMillis(150), 1)) {
      a.resumeOpenRounds();
      b.resumeOpenRounds();
      List<QuizService> instances = List.of(a, b);
      for (int rep = 0; rep < REPETITIONS; rep++) {
        assertThat(instances.get(rep % 2).startRound("C" + rep, "host", 1)).isInstanceOf(StartResult.Started.class);
        AskedQuestion asked = events.nextAsked();
        long deadline = asked.deadline().toEpochMilli();
        int right = asked.question().answer();
        int wrong = (right + 1) % asked.question().choices().size();

        Map<String, Future<AnswerResult>> taps = new HashMap<>();
        for (int person = 0; person < PEOPLE; person++) {
          String user = "U" + person;
          QuizService via = instances.get(person % 2);
          int choice = person % 3 == 0 ? wrong : right;
          long at = deadline - SPREAD_MILLIS + person * (2 * SPREAD_MILLIS / PEOPLE);
          taps.put(user, people.submit(() -> {
            long wait = at - System.currentTimeMillis();
            if (wait > 0) {
              Thread.sleep(wait);
            }
            return via.answer(asked.roundId(), 1, user, choice);
          }));
        }
        Map<String, AnswerResult> results = new HashMap<>();
        for (var tap : taps.entrySet()) {
          results.put(tap.getKey(), tap.getValue().get(10, TimeUnit.SECONDS));
        }
        RevealedQuestion reveal = events.nextRevealed();
        events.nextFinished();

        Set<String> lockedIn = results.entrySet().stream().filter(e -> e.getValue() instanceof AnswerResult.Counted)
            .map(Map.Entry::getKey).collect(Collectors.toSet());
        Set<String> lockedInRight = results.entrySet().stream()
            .filter(e -> e.getValue() instanceof AnswerResult.Counted c && c.right())
            .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(results.values()).as("repetition %d: every tap is either locked in or too late", rep)
            .allMatch(r -> r instanceof AnswerResult.Counted || r instanceof AnswerResult.Closed);
        assertThat(reveal.answers()).as("repetition %d: answers in the reveal", rep).isEqualTo(lockedIn.size());
        assertThat(reveal.rightAnswers()).extracting(RevealedQuestion.RightAnswer::user)
            .as("repetition %d: names in the reveal", rep).containsExactlyInAnyOrderElementsOf(lockedInRight);
        counted += lockedIn.size();
        tooLate += PEOPLE - lockedIn.size();
      }
    } finally {
      people.shutdownNow();
    }
    assertThat(events.revealed).as("no question was revealed twice").isEmpty();
    assertThat(events.asked).as("no question was asked twice").isEmpty();
    // The taps straddled the deadline: some were in time and some too late, or the race was not run.
    assertThat(counted).isPositive();
    assertThat(tooLate).isPositive();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lessontutor.store.TestDatabases#kinds")
  void a_round_stopped_on_the_other_instance_reveals_its_open_question_once_and_asks_no_more(Kind kind)
      throws Exception {
    String url = TestDatabases.url(kind, dir);
    RecordingListener events = new RecordingListener();
    try (Database dbA = Database.open(url); Database dbB = Database.open(url);
        QuizService a = instance(dbA, events, Duration.ofMillis(600), 3);
        QuizService b = instance(dbB, events, Duration.ofMillis(600), 3)) {
      a.resumeOpenRounds();
      b.resumeOpenRounds();
      a.startRound("C1", "host", 3);
      AskedQuestion first = events.nextAsked();
      a.answer(first.roundId(), 1, "U1", first.question().answer());

      StopResult stopped = b.stopRound("C1", "host");
      assertThat(stopped).isInstanceOf(StopResult.Stopped.class);
      RevealedQuestion reveal = events.nextRevealed();
      assertThat(reveal.stopped()).isTrue();
      assertThat(reveal.rightAnswers()).extracting(RevealedQuestion.RightAnswer::user).containsExactly("U1");
      events.nextFinished();

      Thread.sleep(1_500); // past the question's deadline: A's timer and both polls find nothing to do
      assertThat(events.events).containsExactly("asked 1", "revealed 1", "finished");
      assertThat(a.activeRound("C1")).isEmpty();
    }
  }

  @Test
  void a_round_goes_on_after_a_database_outage_mid_round_and_no_step_runs_twice() throws Exception {
    String server = TestDatabases.freshPostgres();
    RecordingListener events = new RecordingListener();
    try (FaultyLink link = new FaultyLink(server);
        Database dbA = Database.open(link.route(server)); Database dbB = Database.open(link.route(server));
        QuizService a = instance(dbA, events, Duration.ofMillis(400), 2);
        QuizService b = instance(dbB, events, Duration.ofMillis(400), 2)) {
      a.resumeOpenRounds();
      b.resumeOpenRounds();
      a.startRound("C1", "host", 2);
      AskedQuestion first = events.nextAsked();
      assertThat(b.answer(first.roundId(), 1, "U1", first.question().answer()))
          .isInstanceOf(AnswerResult.Counted.class);

      link.cut();
      Thread.sleep(2_500); // the deadline passes while neither instance can reach the database
      assertThat(events.revealed).as("nothing can be revealed during the outage").isEmpty();
      link.restore();

      RevealedQuestion reveal = events.nextRevealed();
      assertThat(reveal.number()).isEqualTo(1);
      assertThat(reveal.rightAnswers()).extracting(RevealedQuestion.RightAnswer::user).containsExactly("U1");
      assertThat(events.nextAsked().number()).isEqualTo(2);
      assertThat(events.nextRevealed().number()).isEqualTo(2);
      events.nextFinished();
      assertThat(a.startRound("C1", "host", 1)).as("the channel is free again").isInstanceOf(StartResult.Started.class);
      events.nextAsked();
      assertThat(events.events.subList(0, 5)).containsExactly("asked 1", "revealed 1", "asked 2", "revealed 2", "finished");
      b.stopRound("C1", "host");
    }
  }

  @Test
  void when_the_instance_running_a_round_loses_the_database_the_other_one_finishes_it() throws Exception {
    String server = TestDatabases.freshPostgres();
    RecordingListener seenByA = new RecordingListener();
    RecordingListener seenByB = new RecordingListener();
    try (FaultyLink link = new FaultyLink(server);
        Database dbA = Database.open(link.route(server)); Database dbB = Database.open(server);
        QuizService a = instance(dbA, seenByA, Duration.ofMillis(300), 2);
        QuizService b = instance(dbB, seenByB, Duration.ofMillis(300), 2)) {
      a.resumeOpenRounds();
      b.resumeOpenRounds();
      a.startRound("C1", "host", 2);
      AskedQuestion first = seenByA.nextAsked();
      b.answer(first.roundId(), 1, "U1", first.question().answer());
      // A may lose the database before it gives back the lease of the step that asked: then B
      // waits for that lease to expire, otherwise it takes the next step when it is due.
      link.cut();

      assertThat(seenByB.nextRevealed().number()).isEqualTo(1);
      assertThat(seenByB.nextAsked().number()).isEqualTo(2);
      assertThat(seenByB.nextRevealed().number()).isEqualTo(2);
      RoundResult result = seenByB.nextFinished();
      assertThat(result.leaderboard()).extracting(Standing::user).containsExactly("U1");

      link.restore();
      Thread.sleep(1_500); // A's timer and poll run again against the finished round
      assertThat(seenByA.events).containsExactly("asked 1");
      assertThat(seenByB.events).containsExactly("revealed 1", "asked 2", "revealed 2", "finished");
    }
  }
}
