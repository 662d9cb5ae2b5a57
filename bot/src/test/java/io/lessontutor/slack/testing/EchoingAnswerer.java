package io.lessontutor.slack.testing;

import io.lessontutor.answer.Answer;
import io.lessontutor.answer.Answerer;
import io.lessontutor.answer.Question;
import io.lessontutor.answer.Source;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.Passage;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small fake of our own {@link Answerer} port for Slack tests: it cites the first lesson passage
 * sharing a word with the question, refuses questions about the weather, records every question,
 * and echoes the question in its text, so that tests can see the Slack layer neutralize it.
 */
public final class EchoingAnswerer implements Answerer {

  private final LessonLibrary library;
  private final List<Question> questions = new CopyOnWriteArrayList<>();
  private volatile long delayMillis;

  public EchoingAnswerer(LessonLibrary library) {
    this.library = library;
  }

  /** Makes every answer take this long, as a real retriever might. */
  public EchoingAnswerer delay(long millis) {
    this.delayMillis = millis;
    return this;
  }

  private volatile java.util.concurrent.CountDownLatch gate;

  /** Makes every answer wait until the latch opens (at most 20 s). */
  public EchoingAnswerer holdUntil(java.util.concurrent.CountDownLatch latch) {
    this.gate = latch;
    return this;
  }

  public List<Question> questions() {
    return List.copyOf(questions);
  }

  @Override
  public Answer answer(Question question) {
    questions.add(question);
    if (gate != null) {
      try {
        gate.await(20, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String text = question.text().toLowerCase(Locale.ROOT);
    if (text.contains("weather")) {
      return new Answer(question.text(), "The lesson does not cover that. You asked: " + question.text(),
          Answer.Kind.REFUSED, List.of(), 1, "fake", null);
    }
    Passage passage = library.passages().stream()
        .filter(p -> List.of(text.split("\\W+")).stream()
            .anyMatch(w -> w.length() > 3 && p.text().toLowerCase(Locale.ROOT).contains(w)))
        .findFirst()
        .orElse(library.passages().get(0));
    String context = question.previous() == null ? "" : " (following up on: " + question.previous() + ")";
    return new Answer(question.text(), "You asked: " + question.text() + context + ". The lesson says: " + passage.text(),
        Answer.Kind.ANSWERED, List.of(Source.of(passage)), 1, "fake", null);
  }
}
