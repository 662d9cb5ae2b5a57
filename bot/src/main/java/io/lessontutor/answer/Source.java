package io.lessontutor.answer;

import io.lessontutor.knowledge.Passage;

/**
 * A passage an answer was built from.
 *
 * @param lesson the lesson's title
 * @param section the section's title
 * @param passage the passage's stable id
 * @param text the passage's whole text
 */
public record Source(String lesson, String section, String passage, String text) {
  public static Source of(Passage p) {
    return new Source(p.lessonTitle(), p.section(), p.id(), p.text());
  }

  /** "Lesson › Section". */
  public String citation() {
    return lesson + " › " + section;
  }
}
