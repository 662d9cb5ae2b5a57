package io.lessontutor.quiz;

import java.util.Objects;

/**
 * The next question of someone's solo practice.
 *
 * @param sessionId the practice session; pass it back to {@link QuizService#answerSolo} with {@code seq}
 * @param seq 1-based place of this question in the session's queue
 * @param retry true when the question comes back because they missed it before
 * @param number for a first-pass question, its number ("3 of 10"); for a retry, {@code seq}
 * @param size questions in the first pass
 * @param remaining questions still to answer, this one included
 */
public record SoloQuestion(String sessionId, int seq, QuizQuestion question, boolean retry, int number, int size, int remaining) {
  public SoloQuestion {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(question, "question");
  }
}
