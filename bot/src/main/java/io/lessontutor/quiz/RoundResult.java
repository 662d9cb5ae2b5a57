package io.lessontutor.quiz;

import java.util.List;
import java.util.Objects;

/**
 * A round that is over.
 *
 * @param asked how many of its questions were asked before it ended
 * @param total how many questions it was meant to have
 * @param stopped true when its starter stopped it early
 * @param leaderboard the round's standings, best first; empty when nobody answered right
 */
public record RoundResult(
    String roundId, String channel, String starter, int asked, int total, boolean stopped, List<Standing> leaderboard) {
  public RoundResult {
    Objects.requireNonNull(roundId, "roundId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(starter, "starter");
    leaderboard = List.copyOf(leaderboard);
  }
}
