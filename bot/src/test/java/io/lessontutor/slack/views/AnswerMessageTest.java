package io.lessontutor.slack.views;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import io.lessontutor.answer.Answer;
import io.lessontutor.answer.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerMessageTest {

  static final Source SOURCE = new Source("Lesson", "The premise", "lesson/premise/1", "Fine-tuning is rarely first.");

  static Answer answer(String text) {
    return new Answer("q", text, Answer.Kind.ANSWERED, List.of(SOURCE), 1, "test", null);
  }

  static List<String> sectionTexts(List<LayoutBlock> blocks) {
    return blocks.stream().filter(SectionBlock.class::isInstance)
        .map(b -> ((SectionBlock) b).getText().getText()).toList();
  }

  @Test
  void long_answer_is_split_into_sections_of_at_most_3000_characters_without_losing_text() {
    String text = ("Prompt first, then RAG, then maybe fine-tune. ").repeat(200);
    List<LayoutBlock> blocks = AnswerMessage.blocks(answer(text));

    List<String> sections = sectionTexts(blocks);
    assertThat(sections).hasSizeGreaterThan(1).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(3000));
    assertThat(String.join(" ", sections).replaceAll("\\s+", " ")).isEqualTo(text.strip().replaceAll("\\s+", " "));
  }

  @Test
  void huge_answer_stays_within_50_blocks_and_ends_with_an_ellipsis() {
    List<LayoutBlock> blocks = AnswerMessage.blocks(answer("x".repeat(400_000)));
    assertThat(blocks).hasSize(AnswerMessage.MAX_BLOCKS);
    List<String> sections = sectionTexts(blocks);
    assertThat(sections.get(sections.size() - 1)).endsWith("…");
    assertThat(blocks.get(blocks.size() - 1)).isInstanceOf(ActionsBlock.class);
  }

  @Test
  void refusal_has_feedback_buttons_but_no_source_or_passage_button() {
    Answer refusal = new Answer("q", "The lesson does not cover that.", Answer.Kind.REFUSED, List.of(), 1, "test", null);
    List<LayoutBlock> blocks = AnswerMessage.blocks(refusal);
    assertThat(blocks).hasSize(2);
    ActionsBlock actions = (ActionsBlock) blocks.get(1);
    assertThat(actions.getElements()).hasSize(2);
  }

  @Test
  void the_source_shows_once_in_its_context_line_not_again_in_the_text() {
    List<LayoutBlock> blocks = AnswerMessage.blocks(answer("Fine-tuning is rarely first.\nSource: Lesson › The premise"));
    assertThat(sectionTexts(blocks)).singleElement().isEqualTo("Fine-tuning is rarely first.");
    assertThat(blocks.get(1).toString()).contains("Lesson › The premise");
    assertThat(AnswerMessage.fallbackText(answer("A.\nSource: Lesson › The premise"))).contains("Source:");
  }

  static List<String> actionIds(List<LayoutBlock> blocks) {
    return blocks.stream().filter(ActionsBlock.class::isInstance)
        .flatMap(b -> ((ActionsBlock) b).getElements().stream())
        .map(e -> ((com.slack.api.model.block.element.ButtonElement) e).getActionId()).toList();
  }

  @Test
  void a_question_about_the_teams_own_situation_asking_whether_to_fine_tune_offers_the_checklist() {
    String question = "our prompts r maxed out and we have 200k labeled rows, should we finetune?";
    Answer answer = new Answer(question, "Prompt first.", Answer.Kind.ANSWERED, List.of(SOURCE), 1, "test", null);

    List<LayoutBlock> blocks = AnswerMessage.footer(answer);
    assertThat(actionIds(blocks)).contains(AnswerMessage.RUN_CHECKLIST);
    var button = blocks.stream().filter(ActionsBlock.class::isInstance)
        .flatMap(b -> ((ActionsBlock) b).getElements().stream())
        .map(e -> (com.slack.api.model.block.element.ButtonElement) e)
        .filter(e -> e.getActionId().equals(AnswerMessage.RUN_CHECKLIST)).findFirst().orElseThrow();
    assertThat(button.getValue()).isEqualTo(question);
    assertThat(button.getText().getText()).isEqualTo("Run the checklist with this");
  }

  @Test
  void questions_that_ask_nothing_about_the_teams_own_situation_get_no_checklist_button() {
    for (String question : List.of("what is LoRA?", "should we fine-tune?", "how do I fine-tune Llama 3?",
        "we have 200k labeled rows, what does the lesson say about data?", "Should a team with a large dataset fine-tune?")) {
      Answer answer = new Answer(question, "Prompt first.", Answer.Kind.ANSWERED, List.of(SOURCE), 1, "test", null);
      assertThat(actionIds(AnswerMessage.footer(answer))).as(question).doesNotContain(AnswerMessage.RUN_CHECKLIST);
    }
  }
}
