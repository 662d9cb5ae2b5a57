package io.lessontutor.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lessontutor.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import io.lessontutor.store.TestDatabases;
import io.lessontutor.store.TestDatabases.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass(name = "{0}")
@MethodSource("io.lessontutor.store.TestDatabases#kinds")
class SoloPracticeTest {

  @Parameter Kind kind;
  private String url;

  /** One database per test, on the kind this run is for; the same each time it is asked (a restart reopens it). */
  private String url() {
    if (url == null) {
      url = TestDatabases.url(kind, dir);
    }
    return url;
  }

  @TempDir Path dir;
  final TestClock clock = new TestClock(1_700_000_000_000L);

  private QuizService service() {
    Database db = Database.open(url());
    return new QuizService(ChannelRoundsTest.BANK, db, RoundListener.NONE, new QuizSettings(Duration.ofSeconds(20), Duration.ZERO, 5), clock);
  }

  private static int wrong(QuizQuestion q) {
    return (q.answer() + 1) % q.choices().size();
  }

  @Test
  void a_missed_question_comes_back_until_it_is_right() {
    try (QuizService quiz = service()) {
      SoloQuestion first = quiz.startSolo("dana");
      assertThat(first.size()).isEqualTo(10);
      assertThat(first.number()).isEqualTo(1);
      assertThat(first.retry()).isFalse();

      SoloFeedback missed = quiz.answerSolo("dana", first.sessionId(), first.seq(), wrong(first.question()));
      assertThat(missed.counted()).isTrue();
      assertThat(missed.right()).isFalse();
      assertThat(missed.comesBack()).isTrue();
      assertThat(missed.question().explanation()).isNotBlank();
      assertThat(missed.next().number()).isEqualTo(2);

      SoloQuestion q = missed.next();
      Set<String> seen = new HashSet<>(List.of(first.question().id()));
      while (!q.retry()) {
        assertThat(seen.add(q.question().id())).as("no repeats in the first pass").isTrue();
        q = quiz.answerSolo("dana", q.sessionId(), q.seq(), q.question().answer()).next();
      }
      assertThat(seen).hasSize(10);
      assertThat(q.question().id()).isEqualTo(first.question().id());
      assertThat(q.seq()).isEqualTo(11);
      assertThat(q.remaining()).isEqualTo(1);

      SoloFeedback missedAgain = quiz.answerSolo("dana", q.sessionId(), q.seq(), wrong(q.question()));
      assertThat(missedAgain.next().question().id()).isEqualTo(first.question().id());
      assertThat(missedAgain.next().retry()).isTrue();

      SoloFeedback done = quiz.answerSolo("dana", q.sessionId(), missedAgain.next().seq(), q.question().answer());
      assertThat(done.right()).isTrue();
      assertThat(done.finished()).isTrue();
      assertThat(done.summary()).isEqualTo(new SoloSummary(9, 10, 9, true, 10, 13));
      assertThat(quiz.currentSolo("dana")).isEmpty();
    }
  }

  @Test
  void best_score_and_mastered_questions_are_saved_per_person_and_new_questions_come_first() {
    try (QuizService quiz = service()) {
      assertThat(quiz.progress("erin")).isEqualTo(new SoloProgress("erin", OptionalInt.empty(), 10, 0, List.of(), 13, false));

      SoloQuestion q = quiz.startSolo("erin");
      Set<String> firstSession = new HashSet<>();
      SoloFeedback feedback;
      int answered = 0;
      do {
        firstSession.add(q.question().id());
        // Miss the first two at the first try, then get everything right.
        int choice = answered++ < 2 ? wrong(q.question()) : q.question().answer();
        feedback = quiz.answerSolo("erin", q.sessionId(), q.seq(), choice);
        q = feedback.next();
      } while (!feedback.finished());
      assertThat(feedback.summary().score()).isEqualTo(8);

      SoloProgress progress = quiz.progress("erin");
      assertThat(progress.bestScore()).hasValue(8);
      assertThat(progress.finished()).isEqualTo(1);
      assertThat(progress.mastered()).hasSize(10).containsExactlyInAnyOrderElementsOf(firstSession);
      assertThat(quiz.progress("frank").mastered()).isEmpty();

      SoloQuestion next = quiz.startSolo("erin");
      assertThat(next.question().id()).as("a question not mastered yet comes first").isNotIn(firstSession);
      assertThat(quiz.progress("erin").inProgress()).isTrue();
    }
  }

  @Test
  void a_double_tap_counts_once() {
    try (QuizService quiz = service()) {
      SoloQuestion q = quiz.startSolo("dana");
      quiz.answerSolo("dana", q.sessionId(), q.seq(), wrong(q.question()));
      SoloFeedback again = quiz.answerSolo("dana", q.sessionId(), q.seq(), q.question().answer());

      assertThat(again.counted()).isFalse();
      assertThat(again.right()).isFalse();
      assertThat(again.next().seq()).isEqualTo(2);
      assertThat(again.next().remaining()).as("the miss was queued once").isEqualTo(10);
    }
  }

  @Test
  void an_unfinished_practice_picks_up_where_it_was_after_a_restart() {
    SoloQuestion third;
    try (QuizService quiz = service()) {
      SoloQuestion q = quiz.startSolo("dana");
      q = quiz.answerSolo("dana", q.sessionId(), q.seq(), q.question().answer()).next();
      third = quiz.answerSolo("dana", q.sessionId(), q.seq(), q.question().answer()).next();
    }
    try (QuizService quiz = service()) {
      assertThat(quiz.startSolo("dana")).isEqualTo(third);
      assertThat(quiz.progress("dana").mastered()).hasSize(2);
    }
  }

  @Test
  void someone_elses_session_is_refused() {
    try (QuizService quiz = service()) {
      SoloQuestion q = quiz.startSolo("dana");
      assertThatThrownBy(() -> quiz.answerSolo("mallory", q.sessionId(), q.seq(), 0))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
