package io.lessontutor.answer;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * An answerer that can show its answer while it is being written. Thread-safe like every
 * {@link Answerer}.
 *
 * <p>Contract of {@link #answerStreaming}, for the front end (the Slack layer):
 *
 * <ol>
 *   <li>The call blocks until the answer is final, so run it off the thread that acknowledges
 *       Slack's event.
 *   <li>{@code onVerifiedText} receives pieces of text that are final and checked against the
 *       lesson: whole sentences, in order, each already prefixed with the space that joins it to
 *       the previous one, so appending them verbatim ({@code chat.appendStream}) builds the
 *       answer. It is called on another thread, never concurrently with itself, and never after
 *       {@code answerStreaming} has returned. It may never be called: refusals and small talk,
 *       an answerer that cannot stream, a first sentence that fails the check.
 *   <li>The returned answer is always the final word. If {@link Answer#answerer()} is
 *       {@code "llm"}, its text is exactly the streamed pieces joined: just stop the stream. If
 *       it is {@code "extractive"} and {@code onVerifiedText} was called, something went wrong
 *       after streaming began ({@link Answer#fallbackReason()} says what): replace the streamed
 *       message with the returned answer's text. If {@code onVerifiedText} was never called,
 *       post the returned answer as one message.
 * </ol>
 */
public interface StreamingAnswerer extends Answerer {

  Answer answerStreaming(Question question, Consumer<String> onVerifiedText);

  /** The answerer itself when it can stream; otherwise one that answers in one piece, streaming nothing. */
  static StreamingAnswerer of(Answerer answerer) {
    Objects.requireNonNull(answerer, "answerer");
    if (answerer instanceof StreamingAnswerer streaming) {
      return streaming;
    }
    return new StreamingAnswerer() {
      @Override
      public Answer answer(Question question) {
        return answerer.answer(question);
      }

      @Override
      public Answer answerStreaming(Question question, Consumer<String> onVerifiedText) {
        return answerer.answer(question);
      }
    };
  }
}
