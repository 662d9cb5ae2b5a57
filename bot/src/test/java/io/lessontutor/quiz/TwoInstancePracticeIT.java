package io.lessontutor.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.store.Database;
import io.lessontutor.store.TestDatabases;
import io.lessontutor.store.TestDatabases.Kind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Solo practice on two instances sharing one database: a "quiz me" and a tap arriving at both at once. */
class TwoInstancePracticeIT {

  static final int COPIES = 8;

  @TempDir Path dir;

  private static <T> List<T> allAtOnce(List<QuizService> instances, java.util.function.Function<QuizService, T> call)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(COPIES);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < COPIES; i++) {
        QuizService via = instances.get(i % instances.size());
        Callable<T> task = () -> {
          go.await();
          return call.apply(via);
        };
        futures.add(pool.submit(task));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lessontutor.store.TestDatabases#kinds")
  void quiz_me_racing_on_two_instances_starts_one_practice_and_a_tap_racing_counts_once(Kind kind) throws Exception {
    String url = TestDatabases.url(kind, dir);
    QuizSettings settings = new QuizSettings(Duration.ofSeconds(20), Duration.ZERO, 5);
    try (Database dbA = Database.open(url); Database dbB = Database.open(url);
        QuizService a = new QuizService(ChannelRoundsTest.BANK, dbA, RoundListener.NONE, settings, Clock.systemUTC());
        QuizService b = new QuizService(ChannelRoundsTest.BANK, dbB, RoundListener.NONE, settings, Clock.systemUTC())) {
      List<QuizService> both = List.of(a, b);
      List<SoloQuestion> starts = allAtOnce(both, quiz -> quiz.startSolo("dana"));
      assertThat(starts).extracting(SoloQuestion::sessionId).as("one practice session").containsOnly(starts.get(0).sessionId());

      SoloQuestion first = starts.get(0);
      List<SoloFeedback> taps = allAtOnce(both, quiz -> quiz.answerSolo("dana", first.sessionId(), first.seq(),
          first.question().answer()));
      assertThat(taps).filteredOn(SoloFeedback::counted).as("taps counted").hasSize(1);
      assertThat(taps).extracting(f -> f.next().seq()).as("every copy sees the same next question")
          .containsOnly(first.seq() + 1);
      assertThat(a.progress("dana").mastered()).containsExactly(first.question().id());
    }
  }
}
