package io.lessontutor.quiz;

/** What {@link QuizService#startRound} did. */
public sealed interface StartResult {

  /** The round starts; its first question follows through {@link RoundListener#questionAsked}. */
  record Started(RoundInfo round) implements StartResult {}

  /** The channel already has an open round; tell the person where to join. */
  record AlreadyRunning(RoundInfo round) implements StartResult {}

  /** Nothing started; {@code reason} is a sentence to show the person. */
  record Refused(String reason) implements StartResult {}
}
