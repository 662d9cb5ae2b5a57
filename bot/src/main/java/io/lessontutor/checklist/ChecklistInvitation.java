package io.lessontutor.checklist;

import java.util.regex.Pattern;

/**
 * Whether a chat question describes the team's own situation and asks whether to fine-tune ("we
 * have 50k labeled tickets and latency is a problem, should we fine-tune?"), so the answer can
 * offer to run the checklist with it. All three must hold: it asks about fine-tuning as a decision,
 * it speaks in the first person, and the rule cues of the pre-fill answer at least one check from
 * it. Rule cues only, so it costs microseconds and loads no model. Thread-safe.
 */
public final class ChecklistInvitation {

  private static final String FINE_TUNE = "fine[\\s-]?tun\\w*|finetun\\w*";
  /** "should we fine-tune", "is it worth fine-tuning", "fine-tune or keep prompting?", "fine-tuning?" */
  private static final Pattern ASKS_WHETHER = Pattern.compile(
      "\\b(?:should|shall|would|could|do|does|worth|whether|time to|ready to|makes? sense to|need to|want to)\\b"
          + "[^.!?]{0,60}\\b(?:" + FINE_TUNE + ")"
          + "|\\b(?:" + FINE_TUNE + ")\\b[^.!?]{0,40}\\b(?:or|vs\\.?|versus|instead)\\b"
          + "|\\b(?:" + FINE_TUNE + ")\\s*(?:\\w+\\s*){0,3}\\?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern FIRST_PERSON = Pattern.compile(
      "\\b(?:we|we're|were|weve|we've|our|ours|us|my team|i|i'm|im|my)\\b", Pattern.CASE_INSENSITIVE);

  private ChecklistInvitation() {}

  /** True when the checklist should be offered for this question; false for null or blank. */
  public static boolean describesOwnSituationAndAsksWhetherToFineTune(String question) {
    if (question == null || question.isBlank()) {
      return false;
    }
    return ASKS_WHETHER.matcher(question).find()
        && FIRST_PERSON.matcher(question).find()
        && !Prefill.rulesAlone().read(question).values().isEmpty();
  }
}
