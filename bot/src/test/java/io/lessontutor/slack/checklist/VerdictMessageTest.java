package io.lessontutor.slack.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import io.lessontutor.checklist.AnswerValue;
import io.lessontutor.checklist.Answers;
import io.lessontutor.checklist.Checklist;
import io.lessontutor.checklist.ChecklistFileParser;
import io.lessontutor.checklist.DecisionRules;
import io.lessontutor.checklist.VerdictCard;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictMessageTest {

  static final Checklist CHECKLIST = new ChecklistFileParser(SlackTestTutor.library()).load(SlackTestTutor.KNOWLEDGE);
  static final DecisionRules RULES = new DecisionRules(CHECKLIST);

  @Test
  void a_card_with_every_question_open_stays_inside_slacks_limits() {
    VerdictCard card = RULES.decide(Answers.none());
    assertThat(card.reasons()).hasSize(CHECKLIST.checks().size());

    List<LayoutBlock> blocks = VerdictMessage.blocks(CHECKLIST, card, "UALICE", false);
    assertThat(blocks.size()).isLessThanOrEqualTo(50);
    assertThat(blocks).filteredOn(b -> b instanceof SectionBlock)
        .allSatisfy(b -> assertThat(((SectionBlock) b).getText().getText().length()).isLessThanOrEqualTo(3_000));
  }

  @Test
  void a_need_more_info_card_lists_what_to_find_out_once() {
    VerdictCard card = RULES.decide(Answers.none());
    String text = blocksText(VerdictMessage.blocks(CHECKLIST, card, "UALICE", false));
    String question = CHECKLIST.checks().get(0).question();
    assertThat(text.indexOf(question)).isEqualTo(text.lastIndexOf(question)).isNotNegative();
  }

  @Test
  void run_it_again_carries_the_answers_and_the_choice_of_audience() {
    Answers answers = Answers.of(Map.of("use-case-sound", AnswerValue.YES, "rag-tried", AnswerValue.NO));
    String value = VerdictMessage.runAgainValue(answers, true);
    assertThat(value.length()).isLessThanOrEqualTo(2_000);
    assertThat(VerdictMessage.readRunAgain(value)).hasValue(new VerdictMessage.RunAgain(answers, true));
  }

  @Test
  void a_run_it_again_value_that_is_not_ours_is_refused_not_thrown() {
    assertThat(VerdictMessage.readRunAgain("<script>")).isEmpty();
    assertThat(VerdictMessage.readRunAgain("")).isEmpty();
    assertThat(VerdictMessage.readRunAgain("[1,2]")).isEmpty();
    assertThat(VerdictMessage.readRunAgain("{\"a\":{\"rag-tried\":\"maybe\"}}"))
        .hasValue(new VerdictMessage.RunAgain(Answers.none(), false));
  }

  @Test
  void only_a_slack_user_id_becomes_a_mention() {
    assertThat(VerdictMessage.mention("UALICE")).isEqualTo("<@UALICE>");
    assertThat(VerdictMessage.mention("<!channel>")).doesNotContain("<").doesNotContain("@channel");
    assertThat(VerdictMessage.mention("cli")).isEqualTo("cli");
  }

  @Test
  void the_modals_origin_survives_the_round_trip_and_garbage_is_refused() {
    Origin origin = new Origin("C1", "https://hooks.example/commands/1", "UALICE");
    assertThat(Origin.fromMetadata(origin.toMetadata())).hasValue(origin);
    assertThat(Origin.fromMetadata(Origin.appHome("UALICE").toMetadata())).hasValueSatisfying(o ->
        assertThat(o.fromAppHome()).isTrue());
    assertThat(Origin.fromMetadata("{not json")).isEmpty();
    assertThat(Origin.fromMetadata("{}")).isEmpty();
    assertThat(Origin.fromMetadata(null)).isEmpty();
  }

  private static String blocksText(List<LayoutBlock> blocks) {
    return blocks.stream().map(Object::toString).reduce("", String::concat);
  }
}
