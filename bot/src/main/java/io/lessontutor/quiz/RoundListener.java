package io.lessontutor.quiz;

/**
 * How a channel round tells the outside world what happens: the Slack layer posts and updates
 * messages, the terminal prints, tests record. The port of {@link QuizService}'s rounds.
 *
 * <p>Every call comes from the quiz timer thread, one at a time and in order for a round: asked,
 * revealed, asked, revealed, ..., finished. An exception thrown here is logged and the round goes
 * on, so a failed post never loses scores. Do not call {@link QuizService#stopRound} from inside
 * a callback (it waits for the timer thread).
 */
public interface RoundListener {

  /**
   * A question was asked; answers are open until {@link AskedQuestion#deadline()}.
   *
   * @return a reference to the posted question (for Slack: channel and message ts) that is saved
   *     with the round and handed back in {@link RevealedQuestion#messageRef()}, even after a
   *     restart; null when there is none
   */
  String questionAsked(AskedQuestion asked);

  /** Time is up (or the round was stopped): the right answer, its explanation and who got it. */
  void questionRevealed(RevealedQuestion revealed);

  /** The round is over, finished or stopped by its starter, with its leaderboard. */
  void roundFinished(RoundResult result);

  /** A listener that ignores everything, for front ends without channel rounds (the CLI). */
  RoundListener NONE = new RoundListener() {
    @Override
    public String questionAsked(AskedQuestion asked) {
      return null;
    }

    @Override
    public void questionRevealed(RevealedQuestion revealed) {}

    @Override
    public void roundFinished(RoundResult result) {}
  };
}
