package io.lessontutor.quiz;

import java.time.Duration;

/**
 * Points for one answer, Kahoot-style: a right answer earns {@value #MAX_POINTS} points when given
 * at once, falling linearly to {@value #MIN_POINTS} at the last moment, plus a streak bonus of
 * {@value #STREAK_STEP} per right answer in a row before this one, capped at {@value #STREAK_CAP}.
 * A wrong answer earns nothing and breaks the streak. Pure and thread-safe.
 */
public final class Scoring {

  public static final int MAX_POINTS = 1_000;
  public static final int MIN_POINTS = 500;
  public static final int STREAK_STEP = 100;
  public static final int STREAK_CAP = 500;

  private Scoring() {}

  /**
   * Scores an answer.
   *
   * @param right whether the answer was right
   * @param elapsed time from the question being asked to the answer; clamped to {@code [0, limit]}
   * @param limit the time allowed for the question; positive
   * @param streakBefore right answers in a row the person had before this question; zero or more
   */
  public static Score score(boolean right, Duration elapsed, Duration limit, int streakBefore) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("the time limit must be positive, not " + limit);
    }
    if (streakBefore < 0) {
      throw new IllegalArgumentException("a streak cannot be negative: " + streakBefore);
    }
    if (!right) {
      return new Score(0, 0, 0);
    }
    long limitMillis = limit.toMillis();
    long millis = Math.max(0, Math.min(elapsed.toMillis(), limitMillis));
    // Kahoot's formula: 1000 * (1 - (t / T) / 2), rounded.
    int speed = (int) Math.round(MAX_POINTS - (MAX_POINTS - MIN_POINTS) * ((double) millis / limitMillis));
    int bonus = (int) Math.min((long) STREAK_STEP * streakBefore, STREAK_CAP);
    return new Score(speed, bonus, streakBefore + 1);
  }

  /**
   * Points earned by one answer.
   *
   * @param speedPoints {@value #MIN_POINTS}..{@value #MAX_POINTS} for a right answer, 0 for a wrong one
   * @param streakBonus the bonus for the right answers in a row before this one
   * @param streak right answers in a row including this one; 0 after a wrong answer
   */
  public record Score(int speedPoints, int streakBonus, int streak) {
    public int points() {
      return speedPoints + streakBonus;
    }

    public boolean right() {
      return streak > 0;
    }
  }
}
