package io.lessontutor.checklist;

import java.util.List;
import java.util.Objects;

/**
 * What the checklist concluded, ready for any front end to show (Slack Block Kit, terminal, JSON).
 *
 * @param verdict the verdict's stable id, one of {@link DecisionRules#VERDICTS}
 * @param headline one short, friendly sentence
 * @param nextStep the next concrete thing to do; for need-more-info it names what to find out
 * @param reasons the deciding answers, most decisive first (rule order), each with its lesson
 *     line; for need-more-info, the open checks that would change the decision
 * @param assumptions what the verdict assumes about checks still open, as short clauses ("the use
 *     case is sound"); empty when nothing open could change it
 * @param quote the lesson line the verdict itself rests on
 * @param source where that line is: "Lesson title › Section"
 * @param answers every answer the verdict was made from
 */
public record VerdictCard(
    String verdict,
    String headline,
    String nextStep,
    List<Reason> reasons,
    List<String> assumptions,
    String quote,
    String source,
    Answers answers) {

  public VerdictCard {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(headline, "headline");
    Objects.requireNonNull(nextStep, "nextStep");
    Objects.requireNonNull(quote, "quote");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(answers, "answers");
    reasons = List.copyOf(reasons);
    assumptions = List.copyOf(assumptions);
  }

  /** How many deciding reasons a card shows before "Show all reasons" / {@code --verbose}. */
  public static final int SHOWN_REASONS = 3;

  /** The reasons a card shows at first: the {@value #SHOWN_REASONS} most decisive. */
  public List<Reason> topReasons() {
    return reasons.subList(0, Math.min(SHOWN_REASONS, reasons.size()));
  }

  /** The assumptions as one sentence ("Assuming the use case is sound."); empty when there are none. */
  public String assumptionLine() {
    if (assumptions.isEmpty()) {
      return "";
    }
    String joined = assumptions.size() == 1 ? assumptions.get(0)
        : String.join(", ", assumptions.subList(0, assumptions.size() - 1)) + " and " + assumptions.get(assumptions.size() - 1);
    return "Assuming " + joined + ".";
  }

  /** True when a "Not sure" answer decides the outcome, so the team must find something out. */
  public boolean needsMoreInfo() {
    return verdict.equals(DecisionRules.NEED_MORE_INFO);
  }
}
