package io.lessontutor.answer;

import java.util.Objects;

/**
 * What someone asked.
 *
 * @param text the question as typed (already stripped of the bot's own mention)
 * @param previous the earlier question of the same conversation, for follow-ups such as
 *     "what about LoRA?"; null when there is none
 * @param lesson in a course, the id of the lesson the conversation's last answered question was
 *     answered from: the lesson in focus, found without searching {@code previous} again; null
 *     when the conversation does not know it (then, with a previous question, that is searched)
 */
public record Question(String text, String previous, String lesson) {
  public Question {
    Objects.requireNonNull(text, "text");
  }

  /** A question whose conversation does not know its lesson. */
  public Question(String text, String previous) {
    this(text, previous, null);
  }

  public static Question of(String text) {
    return new Question(text, null);
  }
}
