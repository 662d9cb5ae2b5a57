package io.lessontutor.quiz;

import java.util.List;
import java.util.Objects;

/**
 * A round question whose answer is now shown.
 *
 * @param messageRef what {@link RoundListener#questionAsked} returned for this question; null
 *     when it returned null or failed, then post the reveal as a new message
 * @param rightAnswers who got it right, most points first (fastest first among equals)
 * @param answers how many people answered, right or wrong
 * @param stopped true when the round's starter stopped it before time was up
 */
public record RevealedQuestion(
    String roundId,
    String channel,
    int number,
    int total,
    QuizQuestion question,
    String messageRef,
    List<RightAnswer> rightAnswers,
    int answers,
    boolean stopped) {

  public RevealedQuestion {
    Objects.requireNonNull(roundId, "roundId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(question, "question");
    rightAnswers = List.copyOf(rightAnswers);
  }

  /**
   * One right answer.
   *
   * @param points what it earned, speed points plus streak bonus
   * @param streak right answers in a row in this round, including this one
   */
  public record RightAnswer(String user, int points, int streak) {}
}
