package io.lessontutor.slack.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.LayoutBlock;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.quiz.AskedQuestion;
import io.lessontutor.quiz.QuizBank;
import io.lessontutor.quiz.QuizQuestion;
import io.lessontutor.quiz.RevealedQuestion;
import io.lessontutor.quiz.RevealedQuestion.RightAnswer;
import io.lessontutor.quiz.RoundResult;
import io.lessontutor.quiz.Standing;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuizMessagesTest {

  static final LessonLibrary LIBRARY = SlackTestTutor.library();
  static final QuizQuestion REAL = QuizBank.load(SlackTestTutor.KNOWLEDGE, LIBRARY).questions().get(0);
  /** A bank question whose texts try to ping and to form Slack entities. */
  static final QuizQuestion HOSTILE = new QuizQuestion("hostile", "<!channel> @here which <@U999> is it?",
      List.of("<!everyone>", "a & b <https://evil.example|click>"), 1, "Because @channel <!subteam^S1|@team> said so.",
      REAL.passage());

  /** The blocks as Slack receives them. */
  static String gson(List<LayoutBlock> blocks) {
    return new com.google.gson.GsonBuilder().disableHtmlEscaping().create().toJson(blocks);
  }

  @Test
  void question_has_one_button_per_choice_carrying_round_number_and_choice() {
    AskedQuestion asked = new AskedQuestion("round-1", "C1", 2, 5, REAL, Instant.ofEpochSecond(1_700_000_020));
    String shown = gson(QuizMessages.roundQuestion(asked, Duration.ofSeconds(20)));
    for (int i = 0; i < REAL.choices().size(); i++) {
      assertThat(shown).contains(QuizMessages.ROUND_ANSWER + i).contains(RoundTap.value("round-1", 2, i));
    }
    assertThat(shown).contains("Question 2 of 5").contains(":stopwatch: 20 s").contains("<!date^1700000020^{time_secs}|");
  }

  @Test
  void bank_text_cannot_ping_or_form_entities_in_any_message() {
    AskedQuestion asked = new AskedQuestion("r", "C1", 1, 1, HOSTILE, Instant.now());
    RevealedQuestion revealed = new RevealedQuestion("r", "C1", 1, 1, HOSTILE, "1.2", List.of(), 3, false);
    String all = gson(QuizMessages.roundQuestion(asked, Duration.ofSeconds(5))) + gson(QuizMessages.reveal(revealed));
    assertThat(all.replaceAll("<!date\\^[^>]*>", "")).doesNotContain("<!").doesNotContain("<@").doesNotContain("<http");
    assertThat(all).doesNotContainPattern("@(channel|here|everyone|team)\\b");
    assertThat(all).contains("a &amp; b").contains("Nobody got this one.").contains("3 answers");
  }

  @Test
  void reveal_mentions_only_the_people_who_got_it_right_with_points_and_streaks() {
    RevealedQuestion revealed = new RevealedQuestion("r", "C1", 3, 5, REAL, "1.2",
        List.of(new RightAnswer("UALICE", 1_950, 3), new RightAnswer("UBOB", 800, 1)), 4, false);
    String shown = gson(QuizMessages.reveal(revealed));
    assertThat(shown).contains("<@UALICE> +1,950 :fire:3").contains("<@UBOB> +800").contains("4 answers")
        .contains("Answer: " + QuizMessages.letter(REAL.answer())).contains(REAL.source().citation());
    assertThat(shown.split("<@", -1)).hasSize(3);
  }

  @Test
  void an_id_that_is_not_a_slack_user_is_never_a_mention() {
    assertThat(QuizMessages.mention("UALICE")).isEqualTo("<@UALICE>");
    assertThat(QuizMessages.mention("cli")).isEqualTo("cli");
    assertThat(QuizMessages.mention("!channel>")).doesNotContain("<").doesNotContain(">");
  }

  @Test
  void round_end_lists_the_board_or_says_nobody_scored() {
    RoundResult stopped = new RoundResult("r", "C1", "UALICE", 2, 5, true, List.of());
    assertThat(gson(QuizMessages.roundEnd(stopped))).contains("stopped after 2 of 5 questions").contains("Nobody scored");
    RoundResult done = new RoundResult("r", "C1", "UALICE", 5, 5, false,
        List.of(new Standing(1, "UBOB", 3_100, 4), new Standing(2, "UALICE", 900, 1)));
    assertThat(gson(QuizMessages.roundEnd(done))).contains(":first_place_medal: <@UBOB>: 3,100 points (4 right)")
        .contains(":second_place_medal: <@UALICE>: 900 points (1 right)");
  }
}
