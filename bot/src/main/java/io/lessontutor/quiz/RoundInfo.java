package io.lessontutor.quiz;

/**
 * The open round of a channel, as a start or a second start sees it.
 *
 * @param current 1-based number of the question being asked; 0 before the first is asked
 * @param currentMessageRef the front end's reference to that question's message ("join here"); may be null
 */
public record RoundInfo(String roundId, String channel, String starter, int size, int current, String currentMessageRef) {}
