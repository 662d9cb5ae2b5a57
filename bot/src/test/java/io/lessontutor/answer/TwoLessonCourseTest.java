package io.lessontutor.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.SyntheticCourse;
import io.lessontutor.search.LucenePassageRetriever;
import io.lessontutor.search.MiniLmEmbeddingModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real lesson beside one generated lesson: answers and declines know which lesson they speak for. */
class TwoLessonCourseTest {

  private static final Path KNOWLEDGE = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge"));
  private static final String REAL_TITLE = "When to Fine-Tune vs When to Just Prompt: A Decision Framework";
  @TempDir
  static Path dir;
  private static LessonLibrary library;
  private static LucenePassageRetriever retriever;
  private static ExtractiveAnswerer answerer;
  private static SyntheticCourse.LessonFile other;

  @BeforeAll
  static void build() {
    SyntheticCourse course = new SyntheticCourse(5);
    library = LessonLibrary.load(course.write(KNOWLEDGE, dir, 1));
    other = course.lessons(1).get(0);
    retriever = LucenePassageRetriever.hybrid(library.passages(), new MiniLmEmbeddingModel());
    answerer = new ExtractiveAnswerer(library, retriever, retriever.vocabulary());
  }

  @AfterAll
  static void close() throws Exception {
    retriever.close();
  }

  @Test
  void each_answers_source_line_names_the_lesson_it_comes_from() {
    Answer real = answerer.answer(Question.of("What can't fine-tuning fix?"));
    assertThat(real.kind()).isEqualTo(Answer.Kind.ANSWERED);
    assertThat(real.text()).contains("Source: " + REAL_TITLE + " › ");
    Answer generated = answerer.answer(Question.of("when does " + other.title().toLowerCase() + " pay off?"));
    assertThat(generated.kind()).as(generated.text()).isEqualTo(Answer.Kind.ANSWERED);
    assertThat(generated.text()).contains("Source: " + other.title() + " › ");
  }

  @Test
  void a_decline_near_one_lesson_names_that_lesson_and_its_scope_and_speaks_for_the_course() {
    Answer a = answerer.answer(Question.of("which vendor sells the cheapest " + other.topic() + " licence?"));
    assertThat(a.refused()).as(a.text()).isTrue();
    assertThat(a.text()).contains("the course's lessons").contains("“" + other.title() + "”")
        .contains(library.lesson(other.id()).orElseThrow().scope()).contains("2 lessons")
        .doesNotContain(REAL_TITLE);
  }

  @Test
  void a_greeting_speaks_for_the_course_and_suggests_a_question_from_each_lesson() {
    Answer a = answerer.answer(Question.of("hi"));
    assertThat(a.text()).contains("the course's 2 lessons")
        .contains(library.lessons().get(0).suggestedQuestions().get(0))
        .contains(library.lessons().get(1).suggestedQuestions().get(0));
  }

  @Test
  void tutor_lessons_selects_lessons_by_id_or_glob_and_names_the_variable_when_nothing_matches() {
    List<String> one = new TutorConfig(Map.of(TutorConfig.LESSONS, "when-to-fine-tune-*")).lessons();
    assertThat(library.select(one, TutorConfig.LESSONS).lessons()).extracting(l -> l.title()).containsExactly(REAL_TITLE);
    assertThat(library.select(List.of(other.id()), TutorConfig.LESSONS).lessons()).hasSize(1);
    assertThat(library.select(new TutorConfig(Map.of()).lessons(), TutorConfig.LESSONS).lessons()).hasSize(2);
    assertThatThrownBy(() -> library.select(List.of("rag-*"), TutorConfig.LESSONS))
        .hasMessageContaining("TUTOR_LESSONS").hasMessageContaining("'rag-*' matches no lesson");
    assertThatThrownBy(() -> new TutorConfig(Map.of(TutorConfig.LESSONS, "Lesson 657!")).lessons())
        .hasMessageContaining("TUTOR_LESSONS").hasMessageContaining("'Lesson 657!'");
  }
}
