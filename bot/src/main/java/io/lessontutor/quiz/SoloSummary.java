package io.lessontutor.quiz;

/**
 * The end of a solo practice session.
 *
 * @param score questions right at the first try
 * @param outOf questions in the first pass
 * @param best their best score so far, this one included
 * @param newBest true when this score beats every earlier finished session
 * @param mastered questions of the bank they have got right at least once
 * @param bankSize questions in the bank
 */
public record SoloSummary(int score, int outOf, int best, boolean newBest, int mastered, int bankSize) {}
