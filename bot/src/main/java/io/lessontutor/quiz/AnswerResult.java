package io.lessontutor.quiz;

/** What became of a tap on a round question, for private feedback to the person who tapped. */
public sealed interface AnswerResult {

  /**
   * The person's first answer to this question: it counts.
   *
   * @param choice 0-based choice they picked
   * @param points what it earned (0 when wrong); shown in the reveal and the leaderboard
   * @param streak right answers in a row in this round, including this one; 0 when wrong
   */
  record Counted(int choice, boolean right, int points, int streak) implements AnswerResult {}

  /** They had answered already; {@code choice} is the first answer, the one that counts. */
  record AlreadyAnswered(int choice) implements AnswerResult {}

  /** Too late: time is up, or the round is over. {@code reason} is a sentence to show them. */
  record Closed(String reason) implements AnswerResult {}
}
