package io.lessontutor.slack.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class QuizRequestTest {

  @Test
  void command_text_names_a_round_size_or_a_subcommand() {
    assertThat(QuizRequest.ofCommand("")).isEqualTo(new QuizRequest.Start(OptionalInt.empty()));
    assertThat(QuizRequest.ofCommand(null)).isEqualTo(new QuizRequest.Start(OptionalInt.empty()));
    assertThat(QuizRequest.ofCommand(" 3 ")).isEqualTo(new QuizRequest.Start(OptionalInt.of(3)));
    assertThat(QuizRequest.ofCommand("Leaderboard")).isInstanceOf(QuizRequest.Leaderboard.class);
    assertThat(QuizRequest.ofCommand("stop")).isInstanceOf(QuizRequest.Stop.class);
    assertThat(QuizRequest.ofCommand("help")).isInstanceOf(QuizRequest.Help.class);
    assertThat(QuizRequest.ofCommand("me")).isInstanceOf(QuizRequest.Solo.class);
  }

  @Test
  void unknown_words_and_huge_numbers_are_not_a_round() {
    assertThat(QuizRequest.ofCommand("banana")).isInstanceOf(QuizRequest.Unknown.class);
    assertThat(QuizRequest.ofCommand("-2")).isInstanceOf(QuizRequest.Unknown.class);
    assertThat(QuizRequest.ofCommand("99999999999")).isInstanceOf(QuizRequest.Unknown.class);
  }

  @Test
  void quiz_in_a_channel_starts_a_round_and_in_a_direct_message_solo_practice() {
    assertThat(QuizRequest.ofMessage("quiz", false)).contains(new QuizRequest.Start(OptionalInt.empty()));
    assertThat(QuizRequest.ofMessage("Quiz 3!", false)).contains(new QuizRequest.Start(OptionalInt.of(3)));
    assertThat(QuizRequest.ofMessage("quiz me", false)).contains(new QuizRequest.Start(OptionalInt.empty()));
    assertThat(QuizRequest.ofMessage("quiz me", true)).contains(new QuizRequest.Solo());
    assertThat(QuizRequest.ofMessage(" QUIZ ", true)).contains(new QuizRequest.Solo());
  }

  @Test
  void questions_that_mention_a_quiz_are_left_to_ask() {
    assertThat(QuizRequest.ofMessage("what is in the quiz?", false)).isEmpty();
    assertThat(QuizRequest.ofMessage("quiz me on LoRA please", true)).isEmpty();
    assertThat(QuizRequest.ofMessage("", true)).isEmpty();
  }

  @Test
  void button_values_round_trip_and_foreign_values_are_refused() {
    assertThat(RoundTap.parse(RoundTap.value("r-1", 2, 3))).contains(new RoundTap("r-1", 2, 3));
    assertThat(SoloTap.parse(SoloTap.value("s-1", 11, 0))).contains(new SoloTap("s-1", 11, 0));
    assertThat(RoundTap.parse("r-1|x|1")).isEmpty();
    assertThat(RoundTap.parse("just text")).isEmpty();
    assertThat(RoundTap.parse(null)).isEmpty();
  }
}
