package io.lessontutor.answer;

import io.lessontutor.knowledge.Passage;
import java.util.List;
import java.util.Objects;

/**
 * The tutor's reply to one question.
 *
 * @param question the question as asked
 * @param text the reply, ready to show; it never contains text that could ping people
 * @param kind whether the lesson answered it, the tutor declined, or it was small talk
 * @param sources the passages the answer rests on, best first; empty unless {@code ANSWERED}
 * @param millis how long answering took, in milliseconds
 * @param answerer which answerer wrote the text ("extractive" or "llm")
 * @param fallbackReason why a language-model answer was replaced by the extractive one; else null
 * @param reason why the tutor answered or declined as it did, in a few words ("the lesson covers
 *     it", "asks for a learning rate the lesson never names"); for logs and {@code ask --json}
 * @param grounds the passages the relevance gate approved for this question, best first: the
 *     only passages any composer (extractive or language model) may use; empty unless {@code ANSWERED}
 */
public record Answer(
    String question,
    String text,
    Kind kind,
    List<Source> sources,
    long millis,
    String answerer,
    String fallbackReason,
    String reason,
    List<Passage> grounds) {

  /** What kind of reply this is. */
  public enum Kind {
    /** Built from lesson passages. */
    ANSWERED,
    /** The lesson does not cover the question; the text says so kindly and suggests questions. */
    REFUSED,
    /** A greeting or thanks, answered briefly. */
    SMALL_TALK
  }

  public Answer {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(answerer, "answerer");
    sources = List.copyOf(sources);
    grounds = List.copyOf(grounds);
    if (kind == Kind.ANSWERED && sources.isEmpty()) {
      throw new IllegalArgumentException("an answer names at least one source");
    }
    if (kind != Kind.ANSWERED && !sources.isEmpty()) {
      throw new IllegalArgumentException("only answers have sources");
    }
  }

  /** An answer with no recorded reason, whose grounds are not known. */
  public Answer(String question, String text, Kind kind, List<Source> sources, long millis, String answerer,
                String fallbackReason) {
    this(question, text, kind, sources, millis, answerer, fallbackReason, null, List.of());
  }

  /** How the closing source line of an answer's text starts ("Source: lesson › section"). */
  public static final String SOURCE_PREFIX = "Source: ";

  /**
   * The text without its closing source line, for a front end that shows the source apart (Slack
   * puts it in a context line); the whole text when it has no such line.
   */
  public String body() {
    int line = text.lastIndexOf("\n" + SOURCE_PREFIX);
    return line < 0 ? text : text.substring(0, line);
  }

  /** True when the lesson does not cover the question. */
  public boolean refused() {
    return kind == Kind.REFUSED;
  }

  /** The best source, or null when there is none. */
  public Source primarySource() {
    return sources.isEmpty() ? null : sources.get(0);
  }

  public Answer withMillis(long elapsed) {
    return new Answer(question, text, kind, sources, elapsed, answerer, fallbackReason, reason, grounds);
  }
}
