package io.lessontutor.answer;

import java.util.Objects;

/**
 * What someone asked.
 *
 * @param text the question as typed (already stripped of the bot's own mention)
 * @param previous the earlier question of the same conversation, for follow-ups such as
 *     "what about LoRA?"; null when there is none
 */
public record Question(String text, String previous) {
  public Question {
    Objects.requireNonNull(text, "text");
  }

  public static Question of(String text) {
    return new Question(text, null);
  }
}
