package io.lessontutor.quiz;

/** What {@link QuizService#stopRound} did. */
public sealed interface StopResult {

  /** The round is over; the listener has had its reveal and {@code roundFinished(result)}. */
  record Stopped(RoundResult result) implements StopResult {}

  /** Only the round's starter may stop it. */
  record NotStarter(String starter) implements StopResult {}

  /** The channel has no open round. */
  record NoRound() implements StopResult {}
}
