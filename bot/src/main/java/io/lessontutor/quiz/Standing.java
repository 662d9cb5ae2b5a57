package io.lessontutor.quiz;

/**
 * One line of a leaderboard.
 *
 * @param rank 1-based; people with equal points share a rank (1, 2, 2, 4)
 * @param points total points
 * @param right how many questions they got right
 */
public record Standing(int rank, String user, int points, int right) {}
