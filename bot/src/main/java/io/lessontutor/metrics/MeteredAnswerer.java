package io.lessontutor.metrics;

import io.lessontutor.answer.Answer;
import io.lessontutor.answer.Answerer;
import io.lessontutor.answer.Question;
import io.lessontutor.answer.StreamingAnswerer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * An answerer that counts what the one it wraps decided: the outcome and, for a declined
 * question, a short code of the reason; the time by answerer; a model answer's fallback reason.
 * It streams when the wrapped answerer does. The counting happens here, once, from the
 * {@link Answer} the pipeline returns, so no decision is re-derived.
 */
public final class MeteredAnswerer implements StreamingAnswerer {

  /** How many leading words of a decline reason make its code ("it asks for X…" → it_asks_for). */
  static final int REASON_WORDS = 3;

  private final StreamingAnswerer answerer;
  private final TutorMetrics metrics;

  private MeteredAnswerer(StreamingAnswerer answerer, TutorMetrics metrics) {
    this.answerer = answerer;
    this.metrics = metrics;
  }

  /** The answerer counted into the metrics; the answerer itself when nothing is counted. */
  public static StreamingAnswerer of(Answerer answerer, TutorMetrics metrics) {
    Objects.requireNonNull(answerer, "answerer");
    if (metrics == TutorMetrics.NONE) {
      return StreamingAnswerer.of(answerer);
    }
    return new MeteredAnswerer(StreamingAnswerer.of(answerer), Objects.requireNonNull(metrics, "metrics"));
  }

  @Override
  public Answer answer(Question question) {
    return counted(() -> answerer.answer(question));
  }

  @Override
  public Answer answerStreaming(Question question, Consumer<String> onVerifiedText) {
    return counted(() -> answerer.answerStreaming(question, onVerifiedText));
  }

  private Answer counted(java.util.function.Supplier<Answer> work) {
    long start = System.nanoTime();
    Answer answer;
    try {
      answer = work.get();
    } catch (RuntimeException e) {
      metrics.question("failed", "");
      throw e;
    }
    switch (answer.kind()) {
      case ANSWERED -> metrics.question("answered", "");
      case REFUSED -> metrics.question("declined", reasonCode(answer.reason()));
      case SMALL_TALK -> metrics.question("small_talk", "");
    }
    metrics.answerTime(answer.answerer(), Duration.ofNanos(System.nanoTime() - start));
    if (answer.fallbackReason() != null) {
      metrics.llmFallback(answer.fallbackReason());
    }
    return answer;
  }

  /**
   * A reason's first words as a label: reasons carry details (a term, a percentage) after a fixed
   * opening, and the opening is what tells the kinds of decline apart.
   */
  public static String reasonCode(String reason) {
    if (reason == null || reason.isBlank()) {
      return "unknown";
    }
    return Arrays.stream(reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", " ").trim().split("\\s+"))
        .filter(w -> !w.isEmpty())
        .limit(REASON_WORDS)
        .collect(Collectors.joining("_"));
  }
}
