package io.lessontutor.checklist;

import java.util.Objects;

/**
 * A check to ask, with the answer the team's description already gave.
 *
 * @param answer UNKNOWN when the description did not state it, so the question is still open
 */
public record PrefilledCheck(Check check, AnswerValue answer) {
  public PrefilledCheck {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(answer, "answer");
  }

  /** True when the description left this check open. */
  public boolean open() {
    return answer == AnswerValue.UNKNOWN;
  }
}
