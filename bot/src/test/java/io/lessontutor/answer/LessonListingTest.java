package io.lessontutor.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.Tutor;
import io.lessontutor.cli.ConsoleCommand;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.Lesson;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.SyntheticCourse;
import io.lessontutor.search.LucenePassageRetriever;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "What lessons cover RAG?" in a course of 60 generated lessons beside the real one. */
class LessonListingTest {

  private static final Path KNOWLEDGE = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge"));
  private static final String REAL = "“When to Fine-Tune vs When to Just Prompt: A Decision Framework” (lesson 657)";
  @TempDir
  static Path dir;
  private static Path knowledge;
  private static LessonLibrary library;
  private static LucenePassageRetriever retriever;
  private static LessonListing listing;
  private static ExtractiveAnswerer extractive;

  @BeforeAll
  static void build() {
    knowledge = new SyntheticCourse(1).write(KNOWLEDGE, dir.resolve("course"), 60);
    library = LessonLibrary.load(knowledge);
    retriever = LucenePassageRetriever.bm25(library.passages());
    extractive = new ExtractiveAnswerer(library, retriever, retriever.vocabulary());
    listing = new LessonListing(extractive, library, retriever);
  }

  @AfterAll
  static void close() throws Exception {
    retriever.close();
  }

  private static String words(Lesson l) {
    StringBuilder all = new StringBuilder(l.title());
    l.passages().forEach(p -> all.append(' ').append(p.text()).append(' ').append(p.section()));
    return all.toString().toLowerCase(Locale.ROOT);
  }

  private static List<Lesson> listed(Answer a) {
    return a.sources().stream().map(s -> library.lesson(s.passage().substring(0, s.passage().indexOf('/'))).orElseThrow()).toList();
  }

  @Test
  void what_lessons_cover_rag_lists_the_lessons_that_use_its_words_with_title_and_number() {
    Answer a = listing.answer(Question.of("what lessons cover RAG?"));
    assertThat(a.kind()).isEqualTo(Answer.Kind.ANSWERED);
    assertThat(a.text()).contains(REAL);
    assertThat(listed(a)).isNotEmpty().allSatisfy(l -> assertThat(words(l)).containsAnyOf("rag", "retrieval"));
    for (Lesson l : listed(a)) {
      assertThat(a.text()).contains("“" + l.title() + "” (lesson " + l.number() + ")");
    }
  }

  @Test
  void a_topic_of_two_words_lists_only_lessons_using_both_and_a_typed_topic_is_never_repeated() {
    Answer a = listing.answer(Question.of("which lessons talk about prompt caching"));
    assertThat(listed(a)).isNotEmpty().allSatisfy(l -> assertThat(words(l)).contains("prompt").contains("cach"));
    assertThat(a.text()).doesNotContain(REAL);

    Answer none = listing.answer(Question.of("any lessons on zeppelin gondolas?"));
    assertThat(none.refused()).isTrue();
    assertThat(none.text()).contains("none of the course's 61 lessons").doesNotContainIgnoringCase("zeppelin");
  }

  @Test
  void other_questions_and_a_single_lesson_are_answered_as_before() {
    Answer ordinary = listing.answer(Question.of("What can't fine-tuning fix?"));
    assertThat(ordinary.text()).isEqualTo(extractive.answer(Question.of("What can't fine-tuning fix?")).text());
    LessonLibrary one = library.select(List.of(RealLessonQuestions.REAL_LESSON_ID), "test");
    try (LucenePassageRetriever alone = LucenePassageRetriever.bm25(one.passages())) {
      ExtractiveAnswerer single = new ExtractiveAnswerer(one, alone, alone.vocabulary());
      assertThat(new LessonListing(single, one, alone).answer(Question.of("what lessons cover RAG?")).text())
          .isEqualTo(single.answer(Question.of("what lessons cover RAG?")).text());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void the_console_lists_them_too() throws Exception {
    TutorConfig config = new TutorConfig(Map.of(TutorConfig.KNOWLEDGE_DIR, knowledge.toString(),
        TutorConfig.DATA_DIR, dir.resolve("data").toString(), TutorConfig.RETRIEVAL, "bm25"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Tutor tutor = Tutor.start(config)) {
      ConsoleCommand.run(tutor, List.of(), new BufferedReader(new StringReader("what lessons cover RAG?\n")),
          new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("lessons cover that").contains(REAL);
  }
}
