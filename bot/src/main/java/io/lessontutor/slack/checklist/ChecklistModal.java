package io.lessontutor.slack.checklist;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.checkboxes;
import static com.slack.api.model.block.element.BlockElements.radioButtons;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import io.lessontutor.checklist.AnswerValue;
import io.lessontutor.checklist.Answers;
import io.lessontutor.checklist.Check;
import io.lessontutor.checklist.Checklist;
import io.lessontutor.checklist.PrefilledCheck;
import io.lessontutor.slack.SafeText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checklist as a Slack modal: a Yes / No / Not sure question for each check that is answered
 * or could still change the verdict (the rest are left out), with the check's "why" as hint,
 * answers already known selected, a line saying whether anything left could change the verdict,
 * and a "Just for me" box; and the reading of a modal's state back into {@link Answers}. Each
 * answer dispatches a block action, so the modal can be rebuilt as answers come in. Every text is
 * neutralized.
 */
final class ChecklistModal {

  static final String CALLBACK_ID = "tutor_checklist_submit";
  /** Block ids of the questions are this prefix and the check id. */
  static final String CHECK_BLOCK = "check__";
  static final String ANSWER_ACTION = "tutor_checklist_answer";
  static final String STATUS_BLOCK = "status";
  static final String JUST_FOR_ME_BLOCK = "just_for_me";
  static final String JUST_FOR_ME_ACTION = "just_for_me";
  static final String JUST_FOR_ME_VALUE = "just_for_me";
  /** Slack's limits: 24 characters for a modal's title and buttons, 2,000 for labels and hints. */
  static final int MAX_TITLE_CHARS = 24;
  static final int MAX_LABEL_CHARS = 2_000;

  static final String INTRO = "Answer what you know; anything you leave blank counts as *Not sure*.";
  static final String SETTLED = "Nothing left can change the verdict: press *Get the verdict*.";
  static final String OPEN = "Questions that can no longer change the verdict drop out as you answer.";

  private ChecklistModal() {}

  /** What a submitted modal said. */
  record Submission(Answers answers, boolean justForMe) {}

  /**
   * The modal for these questions.
   *
   * @param questions every check with the answer already known (UNKNOWN leaves it unselected)
   * @param stillMatters the open checks that could still change the verdict; other open checks are
   *     left out
   * @param filledFromText how many answers came from the text after the command, for the intro
   */
  static View build(Checklist checklist, List<PrefilledCheck> questions, List<String> stillMatters,
      int filledFromText, boolean justForMe, Origin origin) {
    Map<AnswerValue, OptionObject> options = new EnumMap<>(AnswerValue.class);
    for (AnswerValue value : AnswerValue.values()) {
      options.put(value, option(plainText(value.label()), value.word()));
    }
    List<LayoutBlock> blocks = new ArrayList<>();
    String intro = filledFromText == 0 ? INTRO
        : INTRO + "\nI filled in " + filledFromText + (filledFromText == 1 ? " answer" : " answers")
            + " from what you wrote: please check " + (filledFromText == 1 ? "it." : "them.");
    blocks.add(section(s -> s.text(markdownText(intro))));
    for (PrefilledCheck question : questions) {
      Check check = question.check();
      if (question.open() && !stillMatters.contains(check.id())) {
        continue;
      }
      OptionObject initial = question.open() ? null : options.get(question.answer());
      blocks.add(input(i -> i
          .blockId(CHECK_BLOCK + check.id())
          .optional(true)
          .label(plainText(SafeText.truncate(SafeText.neutralize(check.question()), MAX_LABEL_CHARS)))
          .hint(plainText(SafeText.truncate(SafeText.neutralize(check.why()), MAX_LABEL_CHARS)))
          .dispatchAction(true)
          .element(radioButtons(r -> r
              .actionId(ANSWER_ACTION)
              .options(List.copyOf(options.values()))
              .initialOption(initial)))));
    }
    blocks.add(context(c -> c.blockId(STATUS_BLOCK).elements(List.of(markdownText(stillMatters.isEmpty() ? SETTLED : OPEN)))));
    OptionObject justForMeOption = option(plainText("Just for me: only I see the verdict"), JUST_FOR_ME_VALUE);
    blocks.add(input(i -> i
        .blockId(JUST_FOR_ME_BLOCK)
        .optional(true)
        .label(plainText("Who sees the verdict?"))
        .hint(plainText(origin.fromAppHome()
            ? "From App Home the verdict comes to your direct messages with me."
            : "Without this, the verdict is posted in the channel, naming you."))
        .element(checkboxes(c -> c
            .actionId(JUST_FOR_ME_ACTION)
            .options(List.of(justForMeOption))
            .initialOptions(justForMe ? List.of(justForMeOption) : null)))));

    return view(v -> v
        .type("modal")
        .callbackId(CALLBACK_ID)
        .title(viewTitle(t -> t.type("plain_text").text(SafeText.truncate(checklist.title(), MAX_TITLE_CHARS))))
        .submit(viewSubmit(s -> s.type("plain_text").text("Get the verdict")))
        .close(viewClose(c -> c.type("plain_text").text("Cancel")))
        .privateMetadata(origin.toMetadata())
        .blocks(blocks));
  }

  /** Reads the answers from a submitted modal; unselected and unknown blocks count as "Not sure". */
  static Submission read(Checklist checklist, ViewState state) {
    Map<String, Map<String, ViewState.Value>> values =
        state == null || state.getValues() == null ? Map.of() : state.getValues();
    Map<String, AnswerValue> answers = new LinkedHashMap<>();
    for (Check check : checklist.checks()) {
      ViewState.Value value = values.getOrDefault(CHECK_BLOCK + check.id(), Map.of()).get(ANSWER_ACTION);
      if (value != null && value.getSelectedOption() != null) {
        AnswerValue.parse(value.getSelectedOption().getValue()).ifPresent(a -> answers.put(check.id(), a));
      }
    }
    ViewState.Value box = values.getOrDefault(JUST_FOR_ME_BLOCK, Map.of()).get(JUST_FOR_ME_ACTION);
    boolean justForMe = box != null && box.getSelectedOptions() != null
        && box.getSelectedOptions().stream().anyMatch(o -> JUST_FOR_ME_VALUE.equals(o.getValue()));
    return new Submission(Answers.of(answers), justForMe);
  }
}
