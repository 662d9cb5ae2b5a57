package io.lessontutor.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import io.lessontutor.store.TestDatabases;
import io.lessontutor.store.TestDatabases.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** A tutor restarting in the middle of a round: a new QuizService on the same SQLite file. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.lessontutor.store.TestDatabases#kinds")
class RoundRestartIT {

  @Parameter Kind kind;
  private String url;

  /** One database per test, on the kind this run is for; the same each time it is asked (a restart reopens it). */
  private String url() {
    if (url == null) {
      url = TestDatabases.url(kind, dir);
    }
    return url;
  }

  static final Duration QUESTION_TIME = Duration.ofMillis(200);

  @TempDir Path dir;
  final TestClock clock = new TestClock(1_700_000_000_000L);

  private QuizService service(RecordingListener listener) {
    Database db = Database.open(url());
    return new QuizService(ChannelRoundsTest.BANK, db, listener, new QuizSettings(QUESTION_TIME, Duration.ZERO, 5), clock);
  }

  @Test
  void a_question_whose_time_ran_out_during_the_restart_is_revealed_at_once_with_its_answers() throws Exception {
    RecordingListener before = new RecordingListener();
    AskedQuestion q;
    try (QuizService quiz = service(before)) {
      quiz.startRound("C1", "alice", 2);
      q = before.nextAsked();
      clock.advance(Duration.ofMillis(100));
      quiz.answer(q.roundId(), 1, "bob", q.question().answer());
      awaitMessageRef(quiz);
    }
    clock.advance(Duration.ofMinutes(5)); // the tutor was down past the deadline

    RecordingListener after = new RecordingListener();
    try (QuizService quiz = service(after)) {
      assertThat(quiz.resumeOpenRounds()).isEqualTo(1);

      RevealedQuestion reveal = after.nextRevealed();
      assertThat(reveal.roundId()).isEqualTo(q.roundId());
      assertThat(reveal.number()).isEqualTo(1);
      assertThat(reveal.messageRef()).as("the ref saved before the restart").isEqualTo("msg-" + q.roundId() + "-1");
      assertThat(reveal.rightAnswers()).containsExactly(new RevealedQuestion.RightAnswer("bob", 750, 1));

      AskedQuestion second = after.nextAsked();
      assertThat(second.number()).isEqualTo(2);
      quiz.answer(second.roundId(), 2, "bob", second.question().answer());
      clock.advance(QUESTION_TIME);
      after.nextRevealed();
      RoundResult result = after.nextFinished();
      assertThat(result.leaderboard()).containsExactly(new Standing(1, "bob", 750 + 1_000 + 100, 2));
      assertThat(quiz.activeRound("C1")).isEmpty();
    }
  }

  @Test
  void a_question_still_in_time_keeps_its_answers_and_its_deadline_across_a_restart() throws Exception {
    RecordingListener before = new RecordingListener();
    AskedQuestion q;
    try (QuizService quiz = service(before)) {
      quiz.startRound("C1", "alice", 1);
      q = before.nextAsked();
      quiz.answer(q.roundId(), 1, "bob", q.question().answer());
    }

    RecordingListener after = new RecordingListener();
    try (QuizService quiz = service(after)) {
      quiz.resumeOpenRounds();
      assertThat(after.revealed.poll(500, TimeUnit.MILLISECONDS)).as("no reveal before the deadline").isNull();
      assertThat(after.asked).as("the question is not asked twice").isEmpty();

      assertThat(quiz.answer(q.roundId(), 1, "bob", q.question().answer())).isInstanceOf(AnswerResult.AlreadyAnswered.class);
      assertThat(quiz.answer(q.roundId(), 1, "carol", q.question().answer())).isInstanceOf(AnswerResult.Counted.class);
      assertThat(quiz.activeRound("C1")).get().extracting(RoundInfo::current).isEqualTo(1);

      clock.advance(QUESTION_TIME);
      assertThat(after.nextRevealed().rightAnswers()).extracting(RevealedQuestion.RightAnswer::user)
          .containsExactly("bob", "carol");
      assertThat(after.nextFinished().leaderboard()).hasSize(2);
    }
  }

  @Test
  void time_running_out_reveals_the_answer_then_asks_the_next_question() throws Exception {
    RecordingListener listener = new RecordingListener();
    Database db = Database.open(url());
    try (QuizService quiz = new QuizService(ChannelRoundsTest.BANK, db, listener,
        new QuizSettings(Duration.ofMillis(300), Duration.ofMillis(100), 2), Clock.systemUTC())) {
      quiz.startRound("C1", "alice");
      AskedQuestion first = listener.nextAsked();

      RevealedQuestion reveal = listener.nextRevealed();
      long revealedAt = System.currentTimeMillis();
      AskedQuestion second = listener.nextAsked();

      assertThat(reveal.number()).isEqualTo(1);
      assertThat(revealedAt).isGreaterThanOrEqualTo(first.deadline().toEpochMilli());
      assertThat(second.deadline().toEpochMilli() - first.deadline().toEpochMilli())
          .as("the pause after the reveal, then a full question time").isGreaterThanOrEqualTo(400);
      assertThat(listener.nextRevealed().number()).isEqualTo(2);
      assertThat(listener.nextFinished().asked()).isEqualTo(2);
    }
  }

  private static void awaitMessageRef(QuizService quiz) throws InterruptedException {
    for (int i = 0; i < 100 && quiz.activeRound("C1").orElseThrow().currentMessageRef() == null; i++) {
      Thread.sleep(20);
    }
  }
}
