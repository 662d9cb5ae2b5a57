package io.lessontutor.quiz;

import java.time.Instant;
import java.util.Objects;

/**
 * A question just asked in a channel round.
 *
 * @param roundId the round; pass it back to {@link QuizService#answer} with {@code number}
 * @param number 1-based position of the question in the round
 * @param total how many questions the round has
 * @param deadline when answers close and the answer is revealed
 */
public record AskedQuestion(String roundId, String channel, int number, int total, QuizQuestion question, Instant deadline) {
  public AskedQuestion {
    Objects.requireNonNull(roundId, "roundId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(deadline, "deadline");
  }
}
