package io.lessontutor.answer;

import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.search.IndexProgress;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The answerer while the lesson index is being built in the background: every question gets "I'm
 * still reading the course, back in about N s" (N from the build's progress) instead of silence,
 * until {@link #ready} hands over the real answerer, which answers from then on. The reply is
 * small talk, not lesson content: no source, nothing to rate, not a gap in the lesson.
 * Thread-safe.
 */
public final class WhileReading implements StreamingAnswerer {

  /** What {@link Answer#answerer()} says of a reply given while reading. */
  static final String NAME = "reading";
  static final String REASON = "the tutor is still reading the lessons";

  private final LessonLibrary library;
  private final IndexProgress progress;
  private volatile StreamingAnswerer answerer;
  private volatile String failure;

  public WhileReading(LessonLibrary library, IndexProgress progress) {
    this.library = Objects.requireNonNull(library, "library");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** The index is built: {@code answerer} answers every question from now on. */
  public void ready(Answerer answerer) {
    this.answerer = StreamingAnswerer.of(answerer);
  }

  /** The index could not be built ({@code why} is logged by the caller): questions get an apology. */
  public void failed(String why) {
    this.failure = Objects.requireNonNull(why, "why");
  }

  /** True once the real answerer answers. */
  public boolean isReady() {
    return answerer != null;
  }

  @Override
  public Answer answer(Question question) {
    StreamingAnswerer a = answerer;
    return a != null ? a.answer(question) : reading(question);
  }

  @Override
  public Answer answerStreaming(Question question, Consumer<String> onVerifiedText) {
    StreamingAnswerer a = answerer;
    return a != null ? a.answerStreaming(question, onVerifiedText) : reading(question);
  }

  private Answer reading(Question question) {
    String what = library.single() ? "the lesson" : "the course";
    String text;
    if (failure != null) {
      text = "Sorry, I couldn't read " + what + ", so I can't answer yet. Whoever runs me will find why in my log.";
    } else {
      OptionalLong left = progress.secondsLeft();
      text = "I'm still reading " + what + ", back in " + (left.isPresent() ? "about " + left.getAsLong() + " s" : "a moment")
          + ". Ask me again then.";
    }
    return new Answer(question.text(), text, Answer.Kind.SMALL_TALK, List.of(), 0, NAME, null,
        failure != null ? "the lessons could not be read" : REASON, List.of());
  }
}
