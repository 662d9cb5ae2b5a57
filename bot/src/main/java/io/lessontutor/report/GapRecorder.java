package io.lessontutor.report;

import io.lessontutor.answer.Answer;
import io.lessontutor.answer.Answerer;
import io.lessontutor.answer.Question;
import io.lessontutor.answer.StreamingAnswerer;
import java.util.Objects;
import java.util.function.Consumer;

/** An answerer that hands each question it declines to {@link QuestionGaps}, then returns the answer unchanged. */
public final class GapRecorder implements StreamingAnswerer {

  private final StreamingAnswerer answerer;
  private final QuestionGaps gaps;

  public GapRecorder(Answerer answerer, QuestionGaps gaps) {
    this.answerer = StreamingAnswerer.of(answerer);
    this.gaps = Objects.requireNonNull(gaps, "gaps");
  }

  @Override
  public Answer answer(Question question) {
    return recorded(answerer.answer(question));
  }

  @Override
  public Answer answerStreaming(Question question, Consumer<String> onVerifiedText) {
    return recorded(answerer.answerStreaming(question, onVerifiedText));
  }

  private Answer recorded(Answer answer) {
    if (answer.kind() == Answer.Kind.REFUSED) {
      gaps.declined(answer.question(), answer.reason());
    }
    return answer;
  }
}
