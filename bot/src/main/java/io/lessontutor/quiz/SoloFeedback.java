package io.lessontutor.quiz;

import java.util.Objects;

/**
 * Instant feedback on a solo answer, and what comes next.
 *
 * @param counted false when that question had already been answered (a second tap); nothing changed
 * @param right whether the answer that counts is right
 * @param question the question answered, with its right choice, explanation and passage
 * @param comesBack true when it was missed and was put back in the queue
 * @param next the next question; null when the quiz is over
 * @param summary the final score; null until the quiz is over
 */
public record SoloFeedback(boolean counted, boolean right, int choice, QuizQuestion question, boolean comesBack,
    SoloQuestion next, SoloSummary summary) {
  public SoloFeedback {
    Objects.requireNonNull(question, "question");
    if ((next == null) == (summary == null)) {
      throw new IllegalArgumentException("feedback has either a next question or a summary");
    }
  }

  public boolean finished() {
    return summary != null;
  }
}
