package io.lessontutor.checklist;

import io.lessontutor.knowledge.Passage;
import java.util.Objects;

/**
 * One question of the checklist, with the lesson passage it rests on.
 *
 * @param id stable id, lower-case words joined by '-' (used in JSON, history and Slack block ids)
 * @param question the question in plain words, answerable with Yes / No / Not sure
 * @param why one line on why it matters, faithful to the lesson
 * @param passage the lesson passage the check rests on
 * @param quote the exact lesson line behind it; always contained in {@code passage.text()}
 */
public record Check(String id, String question, String why, Passage passage, String quote) {

  public Check {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(why, "why");
    Objects.requireNonNull(passage, "passage");
    Objects.requireNonNull(quote, "quote");
    if (!passage.text().contains(quote)) {
      throw new IllegalArgumentException("check " + id + ": the quote is not in passage " + passage.id());
    }
  }

  /** "Lesson › Section", the way answers cite their source. */
  public String source() {
    return passage.citation();
  }
}
