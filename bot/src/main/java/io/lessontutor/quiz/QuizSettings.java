package io.lessontutor.quiz;

import io.lessontutor.config.TutorConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How channel rounds run.
 *
 * @param questionTime time to answer each question; positive
 * @param revealPause time between a reveal and the next question, so people can read it; zero or more
 * @param roundSize questions in a round when the starter names no number; positive
 */
public record QuizSettings(Duration questionTime, Duration revealPause, int roundSize) {

  public static final int DEFAULT_ROUND_SIZE = 5;
  public static final Duration DEFAULT_REVEAL_PAUSE = Duration.ofSeconds(3);
  /** The longest question time {@link TutorConfig#QUIZ_SECONDS} may set. */
  public static final int MAX_QUIZ_SECONDS = 600;

  public QuizSettings {
    Objects.requireNonNull(questionTime, "questionTime");
    Objects.requireNonNull(revealPause, "revealPause");
    if (questionTime.isNegative() || questionTime.isZero()) {
      throw new IllegalArgumentException("the time per question must be positive, not " + questionTime);
    }
    if (revealPause.isNegative()) {
      throw new IllegalArgumentException("the pause after a reveal cannot be negative");
    }
    if (roundSize < 1) {
      throw new IllegalArgumentException("a round needs at least one question");
    }
  }

  /** Reads {@link TutorConfig#QUIZ_SECONDS}; a value out of range stops start-up with a clear message. */
  public static QuizSettings from(TutorConfig config) {
    int seconds = config.getInt(TutorConfig.QUIZ_SECONDS, TutorConfig.DEFAULT_QUIZ_SECONDS);
    if (seconds < 1 || seconds > MAX_QUIZ_SECONDS) {
      throw new IllegalArgumentException(
          TutorConfig.QUIZ_SECONDS + " must be between 1 and " + MAX_QUIZ_SECONDS + " seconds, not " + seconds);
    }
    return new QuizSettings(Duration.ofSeconds(seconds), DEFAULT_REVEAL_PAUSE, DEFAULT_ROUND_SIZE);
  }
}
