package io.lessontutor.slack.checklist;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.model.block.LayoutBlock;
import io.lessontutor.checklist.AnswerValue;
import io.lessontutor.checklist.Answers;
import io.lessontutor.checklist.Checklist;
import io.lessontutor.checklist.Reason;
import io.lessontutor.checklist.Verdict;
import io.lessontutor.checklist.VerdictCard;
import io.lessontutor.slack.SafeText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The verdict card: the headline, who ran the checklist, the assumption it makes (if any), the
 * next concrete step, the three most decisive answers in one line each with their lesson section,
 * the lesson line behind the verdict, and the buttons "Show all reasons" (every reason with its
 * lesson line, privately) and "Run it again", both carrying the answers. Every text is neutralized; the only entity the card
 * writes is the runner's own mention, built from the user id Slack gave, never from typed text.
 */
final class VerdictMessage {

  static final String RUN_AGAIN = "tutor_checklist_run_again";
  static final String SHOW_ALL = "tutor_checklist_show_all_reasons";
  /** Slack's limits: 150 characters for a header, 3,000 for a section, 50 blocks a message. */
  static final int MAX_HEADER_CHARS = 150;
  static final int MAX_SECTION_CHARS = 3_000;
  static final int MAX_REASONS = 20;

  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,20}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private VerdictMessage() {}

  static List<LayoutBlock> blocks(Checklist checklist, VerdictCard card, String userId, boolean justForMe) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.text(plainText(SafeText.truncate(SafeText.neutralize(card.headline()), MAX_HEADER_CHARS)))));
    String ran = mention(userId) + " ran `/should-we-finetune`" + (justForMe ? " (just for you)" : "");
    blocks.add(context(List.of(markdownText(ran))));
    // A need-more-info card's next step also names what to find out; the card lists those below
    // with their lesson lines, so it keeps to the verdict's own next step.
    String nextStep = card.needsMoreInfo()
        ? checklist.verdict(card.verdict()).map(Verdict::nextStep).orElse(card.nextStep())
        : card.nextStep();
    blocks.add(section(s -> s.text(markdownText(fit("*Next step:* " + SafeText.neutralize(nextStep))))));

    if (!card.assumptionLine().isEmpty()) {
      blocks.add(context(List.of(markdownText(fit("_" + SafeText.neutralize(card.assumptionLine()) + "_")))));
    }
    List<Reason> shown = card.topReasons();
    if (!shown.isEmpty()) {
      StringBuilder text = new StringBuilder(card.needsMoreInfo() ? "*What to find out:*" : "*Why:*");
      for (Reason reason : shown) {
        text.append("\n• ").append(oneLine(reason));
      }
      int more = card.reasons().size() - shown.size();
      if (more > 0) {
        text.append("\n_…and ").append(more).append(more == 1 ? " more." : " more.").append("_");
      }
      blocks.add(section(s -> s.text(markdownText(fit(text.toString())))));
    }
    blocks.add(context(List.of(markdownText(fit("The lesson: “" + SafeText.neutralize(card.quote()) + "” — "
        + SafeText.neutralize(card.source()))))));
    String again = runAgainValue(card.answers(), justForMe);
    List<com.slack.api.model.block.element.BlockElement> buttons = new ArrayList<>();
    if (!card.reasons().isEmpty()) {
      buttons.add(button(b -> b.actionId(SHOW_ALL).text(plainText("Show all reasons")).value(again)));
    }
    buttons.add(button(b -> b.actionId(RUN_AGAIN).text(plainText("Run it again")).value(again)));
    blocks.add(actions(buttons));
    return List.copyOf(blocks);
  }

  /** One reason in one line: the question in bold, the answer, why, and the lesson section. */
  private static String oneLine(Reason reason) {
    return "*" + SafeText.neutralize(reason.question()) + "* " + answerWord(reason.answer()) + " "
        + SafeText.neutralize(reason.because()) + " _(" + SafeText.neutralize(reason.section()) + ")_";
  }

  /** Every reason of the card, each with the lesson line behind it and its source: "Show all reasons". */
  static List<LayoutBlock> allReasons(VerdictCard card) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(s -> s.text(markdownText(fit("*" + SafeText.neutralize(card.headline()) + "* — "
        + (card.needsMoreInfo() ? "everything to find out:" : "every reason:"))))));
    for (Reason reason : card.reasons().subList(0, Math.min(card.reasons().size(), MAX_REASONS))) {
      String text = "*" + SafeText.neutralize(reason.question()) + "* " + answerWord(reason.answer())
          + "\n" + SafeText.neutralize(reason.because())
          + "\n>" + SafeText.neutralize(reason.quote());
      blocks.add(section(s -> s.text(markdownText(fit(text)))));
      blocks.add(context(List.of(markdownText(":book: " + SafeText.neutralize(reason.source())))));
    }
    if (!card.assumptionLine().isEmpty()) {
      blocks.add(context(List.of(markdownText(fit("_" + SafeText.neutralize(card.assumptionLine()) + "_")))));
    }
    return List.copyOf(blocks);
  }

  /** The plain-text fallback of "Show all reasons". */
  static String allReasonsFallback(VerdictCard card) {
    return card.headline() + " " + String.join(" ", card.reasons().stream().map(Reason::line).toList());
  }

  /** The plain-text fallback shown in notifications. */
  static String fallbackText(VerdictCard card) {
    String assumed = card.assumptionLine().isEmpty() ? "" : " " + card.assumptionLine();
    return card.headline() + assumed + " Next step: " + card.nextStep();
  }

  /** The runner as a mention; an id that is not a Slack user id is shown as neutralized text. */
  static String mention(String userId) {
    return userId != null && USER_ID.matcher(userId).matches() ? "<@" + userId + ">" : SafeText.neutralize(userId);
  }

  private static String answerWord(AnswerValue answer) {
    return switch (answer) {
      case YES -> "Yes.";
      case NO -> "No.";
      case UNKNOWN -> "Not sure yet.";
    };
  }

  private static String fit(String text) {
    return SafeText.truncate(text, MAX_SECTION_CHARS);
  }

  /** What "Run it again" carries: the answers and whether the verdict was just for the runner. */
  record RunAgain(Answers answers, boolean justForMe) {}

  static String runAgainValue(Answers answers, boolean justForMe) {
    ObjectNode node = JSON.createObjectNode().put("j", justForMe);
    ObjectNode values = node.putObject("a");
    answers.values().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> values.put(e.getKey(), e.getValue().word()));
    return node.toString();
  }

  /** The answers a "Run it again" button carries; empty when the value is not one of ours. */
  static Optional<RunAgain> readRunAgain(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(value);
      if (!node.isObject()) {
        return Optional.empty();
      }
      Map<String, AnswerValue> answers = new LinkedHashMap<>();
      node.path("a").fields().forEachRemaining(e ->
          AnswerValue.parse(e.getValue().asText()).ifPresent(a -> answers.put(e.getKey(), a)));
      return Optional.of(new RunAgain(Answers.of(answers), node.path("j").asBoolean(false)));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
