package io.lessontutor.checklist;

import java.util.Objects;

/**
 * One answer that decided a verdict, with the lesson line behind it.
 *
 * @param check the check's id
 * @param question the check's question, for display
 * @param answer what was answered (UNKNOWN in a need-more-info card: what to find out)
 * @param because one line on why this answer matters (the check's "why")
 * @param quote the exact lesson line the check rests on
 * @param source where that line is: "Lesson title › Section"
 * @param section the lesson section alone, for one-line reasons
 */
public record Reason(String check, String question, AnswerValue answer, String because, String quote, String source,
    String section) {

  public Reason {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(because, "because");
    Objects.requireNonNull(quote, "quote");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(section, "section");
  }

  /** The reason in one line: "question Answer. — why (Section)". */
  public String line() {
    return question + " " + answer.label() + ". " + because + " (" + section + ")";
  }

  static Reason of(Check check, AnswerValue answer) {
    return new Reason(check.id(), check.question(), answer, check.why(), check.quote(), check.source(),
        check.passage().section());
  }
}
