package io.lessontutor.quiz;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Someone's saved solo practice, for App Home and the terminal.
 *
 * @param bestScore best first-try score of a finished session; empty before the first is finished
 * @param outOf the first-pass size of that best session
 * @param finished how many sessions they have finished
 * @param mastered ids of the questions they have got right at least once, in bank order
 * @param bankSize questions in the bank
 * @param inProgress true when a session is waiting for their next answer
 */
public record SoloProgress(String user, OptionalInt bestScore, int outOf, int finished, List<String> mastered,
    int bankSize, boolean inProgress) {
  public SoloProgress {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(bestScore, "bestScore");
    mastered = List.copyOf(mastered);
  }
}
