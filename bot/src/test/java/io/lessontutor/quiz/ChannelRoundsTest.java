package io.lessontutor.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lessontutor.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.lessontutor.store.TestDatabases;
import io.lessontutor.store.TestDatabases.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rounds on a real SQLite file and a real PostgreSQL server, with a test clock. Questions last 200 ms of that clock; the timer
 * re-checks the clock every 200 ms of real time, so a test moves time forward and the reveal follows.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.lessontutor.store.TestDatabases#kinds")
class ChannelRoundsTest {

  @Parameter Kind kind;

  static final QuizBank BANK = QuizBank.load(QuizBankTest.KNOWLEDGE, QuizBankTest.LIBRARY);
  static final Duration QUESTION_TIME = Duration.ofMillis(200);

  @TempDir Path dir;
  final TestClock clock = new TestClock(1_700_000_000_000L);
  final RecordingListener listener = new RecordingListener();
  Database db;
  QuizService quiz;

  @BeforeEach
  void open() {
    db = Database.open(TestDatabases.url(kind, dir));
    quiz = new QuizService(BANK, db, listener, new QuizSettings(QUESTION_TIME, Duration.ZERO, 5), clock);
  }

  @AfterEach
  void close() {
    if (quiz != null) { // null when the PostgreSQL case was skipped
      quiz.close();
      db.close();
    }
  }

  @Test
  void a_round_asks_reveals_with_who_got_it_right_and_ends_with_its_leaderboard() throws Exception {
    assertThat(quiz.startRound("C1", "alice", 2)).isInstanceOf(StartResult.Started.class);

    AskedQuestion first = listener.nextAsked();
    assertThat(first.number()).isEqualTo(1);
    assertThat(first.total()).isEqualTo(2);
    assertThat(first.deadline().toEpochMilli()).isEqualTo(clock.millis() + 200);
    int right = first.question().answer();
    int wrong = (right + 1) % first.question().choices().size();

    clock.advance(Duration.ofMillis(50));
    assertThat(quiz.answer(first.roundId(), 1, "alice", right)).isEqualTo(new AnswerResult.Counted(right, true, 875, 1));
    assertThat(quiz.answer(first.roundId(), 1, "bob", wrong)).isEqualTo(new AnswerResult.Counted(wrong, false, 0, 0));
    clock.advance(Duration.ofMillis(50));
    assertThat(quiz.answer(first.roundId(), 1, "carol", right)).isEqualTo(new AnswerResult.Counted(right, true, 750, 1));

    clock.advance(Duration.ofMillis(100));
    RevealedQuestion reveal = listener.nextRevealed();
    assertThat(reveal.number()).isEqualTo(1);
    assertThat(reveal.question()).isEqualTo(first.question());
    assertThat(reveal.messageRef()).isEqualTo("msg-" + first.roundId() + "-1");
    assertThat(reveal.rightAnswers()).containsExactly(
        new RevealedQuestion.RightAnswer("alice", 875, 1), new RevealedQuestion.RightAnswer("carol", 750, 1));
    assertThat(reveal.answers()).isEqualTo(3);
    assertThat(reveal.stopped()).isFalse();

    AskedQuestion second = listener.nextAsked();
    assertThat(second.number()).isEqualTo(2);
    assertThat(second.question().id()).isNotEqualTo(first.question().id());
    assertThat(quiz.answer(second.roundId(), 2, "alice", second.question().answer()))
        .isEqualTo(new AnswerResult.Counted(second.question().answer(), true, 1_100, 2));
    clock.advance(QUESTION_TIME);

    assertThat(listener.nextRevealed().number()).isEqualTo(2);
    RoundResult result = listener.nextFinished();
    assertThat(result.stopped()).isFalse();
    assertThat(result.asked()).isEqualTo(2);
    assertThat(result.leaderboard()).containsExactly(new Standing(1, "alice", 1_975, 2), new Standing(2, "carol", 750, 1));
    assertThat(listener.events).containsExactly("asked 1", "revealed 1", "asked 2", "revealed 2", "finished");
    assertThat(quiz.activeRound("C1")).isEmpty();
  }

  @Test
  void a_persons_first_answer_counts_and_a_later_one_is_reported_as_already_answered() throws Exception {
    quiz.startRound("C1", "alice", 1);
    AskedQuestion q = listener.nextAsked();
    int right = q.question().answer();
    int wrong = (right + 1) % q.question().choices().size();

    assertThat(quiz.answer(q.roundId(), 1, "bob", wrong)).isInstanceOf(AnswerResult.Counted.class);
    assertThat(quiz.answer(q.roundId(), 1, "bob", right)).isEqualTo(new AnswerResult.AlreadyAnswered(wrong));

    clock.advance(QUESTION_TIME);
    assertThat(listener.nextRevealed().rightAnswers()).isEmpty();
    assertThat(listener.nextFinished().leaderboard()).isEmpty();
  }

  @Test
  void an_answer_after_the_deadline_is_too_late() throws Exception {
    quiz.startRound("C1", "alice", 1);
    AskedQuestion q = listener.nextAsked();

    clock.advance(QUESTION_TIME.plusMillis(1));
    assertThat(quiz.answer(q.roundId(), 1, "bob", q.question().answer())).isInstanceOf(AnswerResult.Closed.class);
    assertThat(listener.nextRevealed().answers()).isZero();
    listener.nextFinished();
    assertThat(quiz.answer(q.roundId(), 1, "bob", q.question().answer()))
        .isEqualTo(new AnswerResult.Closed("That quiz round is over."));
  }

  @Test
  void a_second_start_in_the_channel_says_where_to_join() throws Exception {
    quiz.startRound("C1", "alice", 3);
    AskedQuestion q = listener.nextAsked();
    awaitMessageRef("C1");

    StartResult second = quiz.startRound("C1", "bob", 3);

    assertThat(second).isEqualTo(new StartResult.AlreadyRunning(
        new RoundInfo(q.roundId(), "C1", "alice", 3, 1, "msg-" + q.roundId() + "-1")));
    assertThat(quiz.startRound("C2", "bob", 3)).isInstanceOf(StartResult.Started.class);
  }

  @Test
  void only_the_starter_stops_a_round_and_the_open_question_is_revealed_first() throws Exception {
    quiz.startRound("C1", "alice", 5);
    AskedQuestion q = listener.nextAsked();
    quiz.answer(q.roundId(), 1, "bob", q.question().answer());

    assertThat(quiz.stopRound("C1", "bob")).isEqualTo(new StopResult.NotStarter("alice"));
    StopResult stop = quiz.stopRound("C1", "alice");

    assertThat(stop).isInstanceOf(StopResult.Stopped.class);
    RoundResult result = ((StopResult.Stopped) stop).result();
    assertThat(result.stopped()).isTrue();
    assertThat(result.asked()).isEqualTo(1);
    assertThat(result.leaderboard()).extracting(Standing::user).containsExactly("bob");
    RevealedQuestion reveal = listener.nextRevealed();
    assertThat(reveal.stopped()).isTrue();
    assertThat(reveal.rightAnswers()).extracting(RevealedQuestion.RightAnswer::user).containsExactly("bob");
    assertThat(listener.nextFinished()).isEqualTo(result);

    assertThat(quiz.stopRound("C1", "alice")).isEqualTo(new StopResult.NoRound());
    clock.advance(Duration.ofSeconds(5));
    assertThat(listener.asked.poll(400, TimeUnit.MILLISECONDS)).as("no question after a stop").isNull();
    assertThat(quiz.startRound("C1", "bob", 1)).isInstanceOf(StartResult.Started.class);
  }

  @Test
  void the_all_time_leaderboard_adds_up_every_round() throws Exception {
    for (int round = 0; round < 2; round++) {
      quiz.startRound("C1", "alice", 1);
      AskedQuestion q = listener.nextAsked();
      quiz.answer(q.roundId(), 1, "bob", q.question().answer());
      if (round == 1) {
        quiz.answer(q.roundId(), 1, "carol", q.question().answer());
      }
      clock.advance(QUESTION_TIME);
      listener.nextFinished();
    }

    assertThat(quiz.leaderboard(10)).containsExactly(
        new Standing(1, "bob", 2_000, 2), new Standing(2, "carol", 1_000, 1));
    assertThat(quiz.leaderboard(1)).hasSize(1);
  }

  @Test
  void a_round_larger_than_the_bank_is_refused_with_a_reason() {
    assertThat(quiz.startRound("C1", "alice", 0)).isEqualTo(new StartResult.Refused("A round has 1 to 13 questions."));
    assertThat(quiz.startRound("C1", "alice", 99)).isInstanceOf(StartResult.Refused.class);
    assertThat(quiz.activeRound("C1")).isEmpty();
  }

  /** The ref is saved just after the listener returns it. */
  private void awaitMessageRef(String channel) throws InterruptedException {
    for (int i = 0; i < 100 && quiz.activeRound(channel).orElseThrow().currentMessageRef() == null; i++) {
      Thread.sleep(20);
    }
  }

  @Test
  void a_choice_the_question_does_not_have_is_refused() throws Exception {
    quiz.startRound("C1", "alice", 1);
    AskedQuestion q = listener.nextAsked();
    assertThatThrownBy(() -> quiz.answer(q.roundId(), 1, "bob", 7)).isInstanceOf(IllegalArgumentException.class);
  }
}
