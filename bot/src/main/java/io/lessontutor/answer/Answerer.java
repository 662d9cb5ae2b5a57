package io.lessontutor.answer;

/**
 * Answers a question from the lesson alone. Implementations are thread-safe and never throw for
 * a question they cannot answer: they return a refusal instead.
 */
public interface Answerer {

  Answer answer(Question question);
}
