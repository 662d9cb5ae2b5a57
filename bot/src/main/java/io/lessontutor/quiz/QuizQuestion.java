package io.lessontutor.quiz;

import io.lessontutor.answer.Source;
import io.lessontutor.knowledge.Passage;
import java.util.List;
import java.util.Objects;

/**
 * One multiple-choice question of a quiz bank, with the lesson passage it tests.
 *
 * @param id stable id, unique across the bank; rounds and progress refer to questions by it
 * @param text the question as shown to people
 * @param choices two to four distinct choices, in the order they are shown
 * @param answer 0-based index of the right choice in {@code choices}
 * @param explanation one sentence saying why the right choice is right, supported by the passage
 * @param passage the passage the question tests, cited when the answer is revealed
 */
public record QuizQuestion(
    String id, String text, List<String> choices, int answer, String explanation, Passage passage) {

  /** Fewest and most choices a question may offer. */
  public static final int MIN_CHOICES = 2;
  public static final int MAX_CHOICES = 4;

  public QuizQuestion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(passage, "passage");
    choices = List.copyOf(choices);
    if (choices.size() < MIN_CHOICES || choices.size() > MAX_CHOICES) {
      throw new IllegalArgumentException(
          "question " + id + " has " + choices.size() + " choices; it needs " + MIN_CHOICES + " to " + MAX_CHOICES);
    }
    if (answer < 0 || answer >= choices.size()) {
      throw new IllegalArgumentException("question " + id + ": the right answer must be one of its choices");
    }
  }

  public String rightChoice() {
    return choices.get(answer);
  }

  public boolean isRight(int choice) {
    return choice == answer;
  }

  /** True when {@code choice} is a valid 0-based index into the choices. */
  public boolean hasChoice(int choice) {
    return choice >= 0 && choice < choices.size();
  }

  /** The passage as a citable source. */
  public Source source() {
    return Source.of(passage);
  }
}
