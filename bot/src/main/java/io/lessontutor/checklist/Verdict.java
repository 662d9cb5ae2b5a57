package io.lessontutor.checklist;

import io.lessontutor.knowledge.Passage;
import java.util.Objects;

/**
 * One outcome of the checklist.
 *
 * @param id stable id, one of the constants of {@link DecisionRules}
 * @param headline one short, friendly sentence
 * @param nextStep the next concrete thing to do
 * @param passage the lesson passage the verdict rests on
 * @param quote the exact lesson line behind it; always contained in {@code passage.text()}
 */
public record Verdict(String id, String headline, String nextStep, Passage passage, String quote) {

  public Verdict {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(headline, "headline");
    Objects.requireNonNull(nextStep, "nextStep");
    Objects.requireNonNull(passage, "passage");
    Objects.requireNonNull(quote, "quote");
    if (!passage.text().contains(quote)) {
      throw new IllegalArgumentException("verdict " + id + ": the quote is not in passage " + passage.id());
    }
  }

  /** "Lesson › Section". */
  public String source() {
    return passage.citation();
  }
}
