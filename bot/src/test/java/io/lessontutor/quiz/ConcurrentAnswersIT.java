package io.lessontutor.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.store.Database;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.lessontutor.store.TestDatabases;
import io.lessontutor.store.TestDatabases.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** Many people tapping at once, on a real SQLite file. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.lessontutor.store.TestDatabases#kinds")
class ConcurrentAnswersIT {

  @Parameter Kind kind;

  static final int PEOPLE = 12;
  static final int TAPS_EACH = 4;

  @TempDir Path dir;

  @Test
  void each_persons_first_tap_counts_once_when_many_tap_at_the_same_moment() throws Exception {
    Database db = Database.open(TestDatabases.url(kind, dir));
    RecordingListener listener = new RecordingListener();
    TestClock clock = new TestClock(1_700_000_000_000L);
    try (QuizService quiz = new QuizService(ChannelRoundsTest.BANK, db, listener,
        new QuizSettings(Duration.ofSeconds(60), Duration.ZERO, 5), clock)) {
      quiz.startRound("C1", "alice", 1);
      AskedQuestion q = listener.nextAsked();
      int choices = q.question().choices().size();

      CountDownLatch go = new CountDownLatch(1);
      List<Callable<AnswerResult>> taps = new ArrayList<>();
      for (int person = 0; person < PEOPLE; person++) {
        for (int tap = 0; tap < TAPS_EACH; tap++) {
          String user = "U" + person;
          int choice = (person + tap) % choices;
          taps.add(() -> {
            go.await();
            return quiz.answer(q.roundId(), 1, user, choice);
          });
        }
      }
      ExecutorService pool = Executors.newFixedThreadPool(PEOPLE * TAPS_EACH);
      List<Future<AnswerResult>> futures = new ArrayList<>();
      taps.forEach(t -> futures.add(pool.submit(t)));
      go.countDown();
      List<AnswerResult> results = new ArrayList<>();
      for (Future<AnswerResult> f : futures) {
        results.add(f.get());
      }
      pool.shutdown();

      assertThat(results).filteredOn(r -> r instanceof AnswerResult.Counted).hasSize(PEOPLE);
      assertThat(results).filteredOn(r -> r instanceof AnswerResult.AlreadyAnswered).hasSize(PEOPLE * (TAPS_EACH - 1));
      List<Integer> rows = db.transaction(c -> {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT user_id) FROM quiz_answers")) {
          rs.next();
          return List.of(rs.getInt(1), rs.getInt(2));
        }
      });
      assertThat(rows).containsExactly(PEOPLE, PEOPLE);

      // Every later tap names the choice of the tap that counted.
      for (int person = 0; person < PEOPLE; person++) {
        List<AnswerResult> mine = results.subList(person * TAPS_EACH, (person + 1) * TAPS_EACH);
        int counted = mine.stream().filter(r -> r instanceof AnswerResult.Counted)
            .mapToInt(r -> ((AnswerResult.Counted) r).choice()).findFirst().orElseThrow();
        assertThat(mine).filteredOn(r -> r instanceof AnswerResult.AlreadyAnswered)
            .allSatisfy(r -> assertThat(((AnswerResult.AlreadyAnswered) r).choice()).isEqualTo(counted));
      }

      long right = results.stream().filter(r -> r instanceof AnswerResult.Counted c && c.right()).count();
      quiz.stopRound("C1", "alice");
      assertThat(listener.nextRevealed().rightAnswers()).hasSize((int) right);
    }
  }

  @Test
  void every_counted_answer_is_in_the_reveal_even_when_time_runs_out_mid_burst() throws Exception {
    Database db = Database.open(TestDatabases.url(kind, dir));
    RecordingListener listener = new RecordingListener();
    try (QuizService quiz = new QuizService(ChannelRoundsTest.BANK, db, listener,
        new QuizSettings(Duration.ofMillis(300), Duration.ZERO, 1), Clock.systemUTC())) {
      quiz.startRound("C1", "alice", 1);
      AskedQuestion q = listener.nextAsked();

      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<AnswerResult>> futures = new ArrayList<>();
      for (int person = 0; person < 60; person++) {
        String user = "U" + person;
        long delay = person * 10L; // spread over 600 ms, across the 300 ms deadline
        futures.add(pool.submit(() -> {
          Thread.sleep(delay);
          return quiz.answer(q.roundId(), 1, user, q.question().answer());
        }));
      }
      List<AnswerResult> results = new ArrayList<>();
      for (Future<AnswerResult> f : futures) {
        results.add(f.get());
      }
      pool.shutdown();

      long counted = results.stream().filter(r -> r instanceof AnswerResult.Counted).count();
      RevealedQuestion reveal = listener.nextRevealed();
      assertThat(counted).isPositive().isLessThan(60);
      assertThat(reveal.answers()).isEqualTo((int) counted);
      assertThat(reveal.rightAnswers()).hasSize((int) counted);
    }
  }
}
