package io.lessontutor.slack.views;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import io.lessontutor.answer.Answer;
import io.lessontutor.answer.Source;
import io.lessontutor.checklist.ChecklistInvitation;
import io.lessontutor.slack.SafeText;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer as a Slack message: the answer in sections, a context line naming the source
 * ("lesson › section"), and the buttons 👍 Helpful, 👎 Not helpful and Show passage; and, when
 * the question describes the team's own situation and asks whether to fine-tune, "Run the
 * checklist with this", carrying the question so the checklist modal opens pre-filled from it. Respects
 * Slack's limits (3,000 characters a section, 50 blocks); every text is neutralized.
 */
public final class AnswerMessage {

  public static final String HELPFUL = "tutor_answer_helpful";
  public static final String NOT_HELPFUL = "tutor_answer_not_helpful";
  public static final String SHOW_PASSAGE = "tutor_answer_show_passage";
  /** The button that opens the checklist pre-filled from the question; its value is the question. */
  public static final String RUN_CHECKLIST = "tutor_answer_run_checklist";
  /** Slack's limit on a button's value. */
  public static final int MAX_VALUE_CHARS = 2_000;
  /** Button value when the answer has no source passage. */
  public static final String NO_PASSAGE = "-";

  /** Slack's limit on a section's text. */
  public static final int MAX_SECTION_CHARS = 3_000;
  /** Slack's limit on blocks in a message. */
  public static final int MAX_BLOCKS = 50;

  private AnswerMessage() {}

  /** The blocks of the answer message. */
  public static List<LayoutBlock> blocks(Answer answer) {
    List<LayoutBlock> tail = footer(answer);
    // the source has its own context line below, so the text goes without its closing source line
    List<LayoutBlock> blocks = new ArrayList<>(sections(answer.primarySource() == null ? answer.text() : answer.body(),
        MAX_BLOCKS - tail.size()));
    blocks.addAll(tail);
    return List.copyOf(blocks);
  }

  /**
   * What follows the answer's text: the source line (when there is a source) and the buttons.
   * A streamed answer ends with these below the text it streamed.
   */
  public static List<LayoutBlock> footer(Answer answer) {
    Source source = answer.primarySource();
    List<LayoutBlock> tail = new ArrayList<>();
    if (source != null) {
      tail.add(context(List.of(markdownText(":book: " + SafeText.neutralize(source.citation())))));
    }
    String passageId = source == null ? NO_PASSAGE : source.passage();
    List<BlockElement> buttons = new ArrayList<>();
    buttons.add(button(b -> b.actionId(HELPFUL).text(plainText("👍 Helpful")).value(passageId)));
    buttons.add(button(b -> b.actionId(NOT_HELPFUL).text(plainText("👎 Not helpful")).value(passageId)));
    if (source != null) {
      buttons.add(button(b -> b.actionId(SHOW_PASSAGE).text(plainText("Show passage")).value(passageId)));
    }
    if (answer.kind() != Answer.Kind.SMALL_TALK
        && ChecklistInvitation.describesOwnSituationAndAsksWhetherToFineTune(answer.question())) {
      String question = answer.question().length() <= MAX_VALUE_CHARS ? answer.question()
          : answer.question().substring(0, MAX_VALUE_CHARS);
      buttons.add(button(b -> b.actionId(RUN_CHECKLIST).style("primary")
          .text(plainText("Run the checklist with this")).value(question)));
    }
    tail.add(actions(buttons));
    return List.copyOf(tail);
  }

  /** The "Ask a person" button's action id; its value is {@link #askPersonValue}. */
  public static final String ASK_PERSON = "tutor_ask_person";

  /** What an "Ask a person" button carries: the answer message's ts (may be empty), a newline, the question. */
  public static String askPersonValue(String answerTs, String question) {
    String value = (answerTs == null ? "" : answerTs) + "\n" + question;
    return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS);
  }

  /** The blocks with "Ask a person" added to their last row of buttons (or a new row). */
  public static List<LayoutBlock> withAskPerson(List<LayoutBlock> blocks, String value) {
    List<LayoutBlock> out = new ArrayList<>(blocks);
    BlockElement ask = button(b -> b.actionId(ASK_PERSON).text(plainText("Ask a person")).value(value));
    if (!out.isEmpty() && out.get(out.size() - 1) instanceof com.slack.api.model.block.ActionsBlock row) {
      List<BlockElement> elements = new ArrayList<>(row.getElements());
      elements.add(ask);
      out.set(out.size() - 1, actions(elements));
    } else {
      out.add(actions(List.of(ask)));
    }
    return List.copyOf(out);
  }

  /** The plain-text fallback shown in notifications. */
  public static String fallbackText(Answer answer) {
    return answer.text();
  }

  /**
   * The text as mrkdwn sections of at most {@value #MAX_SECTION_CHARS} characters each, cut at a
   * paragraph, line or word where possible; at most {@code maxBlocks} sections, the last one ending
   * in an ellipsis when the text did not fit.
   */
  public static List<LayoutBlock> sections(String text, int maxBlocks) {
    String safe = SafeText.neutralize(text.isBlank() ? "…" : text);
    List<LayoutBlock> sections = new ArrayList<>();
    int start = 0;
    while (start < safe.length() && sections.size() < maxBlocks) {
      boolean last = sections.size() == maxBlocks - 1;
      int end = Math.min(safe.length(), start + MAX_SECTION_CHARS);
      String chunk;
      if (end < safe.length() && last) {
        chunk = SafeText.truncate(safe.substring(start), MAX_SECTION_CHARS);
        end = safe.length();
      } else {
        if (end < safe.length()) {
          end = cutPoint(safe, start, end);
        }
        chunk = safe.substring(start, end);
      }
      String sectionText = chunk.strip().isEmpty() ? "…" : chunk.strip();
      sections.add(section(s -> s.text(markdownText(sectionText))));
      start = end;
    }
    return sections;
  }

  private static int cutPoint(String text, int start, int end) {
    // Prefer not to break an escape such as "&amp;" or a word in two.
    for (String boundary : List.of("\n\n", "\n", " ")) {
      int at = text.lastIndexOf(boundary, end - boundary.length());
      if (at > start + MAX_SECTION_CHARS / 2) {
        return at + boundary.length();
      }
    }
    int amp = text.lastIndexOf('&', end - 1);
    return amp > end - 6 && amp > start ? amp : end;
  }
}
