package io.lessontutor.checklist;

import java.util.List;
import java.util.Objects;

/**
 * What the checklist concluded, ready for any front end to show (Slack Block Kit, terminal, JSON).
 *
 * @param verdict the verdict's stable id, one of {@link DecisionRules#VERDICTS}
 * @param headline one short, friendly sentence
 * @param nextStep the next concrete thing to do; for need-more-info it names what to find out
 * @param reasons the deciding answers, in checklist order, each with its lesson line; for
 *     need-more-info, the "Not sure" answers that would change the outcome
 * @param quote the lesson line the verdict itself rests on
 * @param source where that line is: "Lesson title › Section"
 * @param answers every answer the verdict was made from
 */
public record VerdictCard(
    String verdict,
    String headline,
    String nextStep,
    List<Reason> reasons,
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
  }

  /** True when a "Not sure" answer decides the outcome, so the team must find something out. */
  public boolean needsMoreInfo() {
    return verdict.equals(DecisionRules.NEED_MORE_INFO);
  }
}
