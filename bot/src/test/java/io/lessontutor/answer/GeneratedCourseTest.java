package io.lessontutor.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.SyntheticCourse;
import io.lessontutor.search.LucenePassageRetriever;
import io.lessontutor.search.MiniLmEmbeddingModel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated 50-lesson course beside the real lesson, end to end through the hybrid pipeline. */
class GeneratedCourseTest {

  private static final Path KNOWLEDGE = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge"));
  @TempDir
  static Path dir;
  private static LessonLibrary library;
  private static LucenePassageRetriever retriever;
  private static ExtractiveAnswerer answerer;
  private static SyntheticCourse.LessonFile generated;

  @BeforeAll
  static void build() {
    SyntheticCourse course = new SyntheticCourse(3);
    library = LessonLibrary.load(course.write(KNOWLEDGE, dir, 50));
    generated = course.lessons(50).get(10);
    retriever = LucenePassageRetriever.hybrid(library.passages(), new MiniLmEmbeddingModel());
    answerer = new ExtractiveAnswerer(library, retriever, retriever.vocabulary());
  }

  @AfterAll
  static void close() throws Exception {
    retriever.close();
  }

  @Test
  void the_real_lessons_suggested_questions_are_answered_from_the_real_lesson() {
    for (String q : library.lessons().stream().filter(l -> l.id().equals(RealLessonQuestions.REAL_LESSON_ID))
        .findFirst().orElseThrow().suggestedQuestions()) {
      Answer a = answerer.answer(Question.of(q));
      assertThat(RealLessonQuestions.fromRealLesson(a)).as(q + " → " + a.text()).isTrue();
    }
  }

  @Test
  void a_question_on_a_generated_lessons_own_limit_is_answered_from_that_lesson() {
    Answer a = answerer.answer(Question.of("when does " + generated.title().toLowerCase() + " pay off?"));
    assertThat(a.kind()).as(a.text()).isEqualTo(Answer.Kind.ANSWERED);
    assertThat(a.primarySource().passage()).startsWith(generated.id() + "/");
  }

  @Test
  void a_question_no_lesson_covers_is_declined() {
    Answer a = answerer.answer(Question.of("any good ramen places near the office?"));
    assertThat(a.refused()).isTrue();
  }
}
