package io.lessontutor.answer;

import java.util.ArrayList;
import java.util.List;

/**
 * Twenty questions about the real lesson, for measuring a course: its three suggested questions and
 * the first seventeen answerable questions of the tuning half (never the held-out half).
 */
public final class RealLessonQuestions {

  public static final String REAL_LESSON_ID = "when-to-fine-tune-vs-when-to-just-prompt";

  private RealLessonQuestions() {
  }

  public static List<Question> twenty() {
    List<Question> out = new ArrayList<>();
    TestLessons.library().lessons().stream().filter(l -> l.id().equals(REAL_LESSON_ID)).findFirst().orElseThrow()
        .suggestedQuestions().forEach(q -> out.add(Question.of(q)));
    AnswerSet.tuning().items().stream().filter(AnswerSet.Item::answerable).filter(i -> i.previous() == null)
        .limit(20 - out.size()).forEach(i -> out.add(i.asQuestion()));
    return List.copyOf(out);
  }

  /** Whether the answer was given, from a passage of the real lesson. */
  public static boolean fromRealLesson(Answer a) {
    return !a.refused() && a.kind() == Answer.Kind.ANSWERED && a.primarySource() != null
        && a.primarySource().passage().startsWith(REAL_LESSON_ID + "/");
  }
}
