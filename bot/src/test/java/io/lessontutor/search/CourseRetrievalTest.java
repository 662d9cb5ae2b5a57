package io.lessontutor.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lessontutor.answer.Answer;
import io.lessontutor.answer.ExtractiveAnswerer;
import io.lessontutor.answer.Question;
import io.lessontutor.answer.RealLessonQuestions;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.Passage;
import io.lessontutor.knowledge.SyntheticCourse;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retrieval in a generated course of 120 lessons beside the real one. */
class CourseRetrievalTest {

  private static final Path KNOWLEDGE = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge"));
  @TempDir
  static Path dir;
  private static LessonLibrary library;
  private static MiniLmEmbeddingModel model;
  private static LucenePassageRetriever retriever;

  @BeforeAll
  static void build() {
    library = LessonLibrary.load(new SyntheticCourse(1).write(KNOWLEDGE, dir, 120));
    model = new MiniLmEmbeddingModel();
    retriever = LucenePassageRetriever.hybrid(library.passages(), model);
  }

  @AfterAll
  static void close() throws Exception {
    retriever.close();
  }

  @Test
  void every_candidate_gets_its_exact_similarity_also_when_only_bm25_found_it() {
    String question = "What can't fine-tuning fix?";
    List<ScoredPassage> found = retriever.retrieve(question, 10_000);
    assertThat(found).hasSizeGreaterThan(library.lesson(RealLessonQuestions.REAL_LESSON_ID).orElseThrow().passages().size());
    float[] q = model.embed(question).content().vector();
    int checked = 0;
    for (ScoredPassage s : found) {
      assertThat(s.similarity()).as(s.passage().id()).isGreaterThan(0);
      Passage p = s.passage();
      if (p.askedAs().isEmpty()) {
        // a passage without phrasings has one vector: its similarity is the cosine with it, exactly
        float[] v = model.embed(IndexSchema.embeddedText(p)).content().vector();
        assertThat(s.similarity()).as(p.id())
            .isCloseTo(IndexSchema.cosineFromScore(VectorSimilarityFunction.COSINE.compare(q, v)), within(1e-4));
        checked++;
      }
      if (checked == 15) {
        break;
      }
    }
    assertThat(checked).isEqualTo(15);
  }

  @Test
  void the_lessons_in_focus_bring_all_their_passages_and_the_candidates_stay_bounded() {
    String question = "What can't fine-tuning fix?";
    assertThat(retriever.lessonFit(question, LucenePassageRetriever.FOCUS_LESSONS)).hasSize(LucenePassageRetriever.FOCUS_LESSONS)
        .containsKey(RealLessonQuestions.REAL_LESSON_ID);
    List<ScoredPassage> found = retriever.retrieve(question, 10_000);
    List<String> real = library.lesson(RealLessonQuestions.REAL_LESSON_ID).orElseThrow().passages().stream().map(Passage::id).toList();
    assertThat(found.stream().map(s -> s.passage().id()).toList()).containsAll(real);
    int largestLesson = library.lessons().stream().mapToInt(l -> l.passages().size()).max().orElseThrow();
    // the passages of the lessons in focus, not a share of a growing index
    assertThat(found).hasSizeLessThanOrEqualTo((LucenePassageRetriever.FOCUS_LESSONS + LucenePassageRetriever.VECTOR_LESSONS)
        * largestLesson);
  }

  @Test
  void a_lessons_passages_score_among_120_others_as_they_do_when_it_is_served_alone() throws Exception {
    List<Passage> real = library.lesson(RealLessonQuestions.REAL_LESSON_ID).orElseThrow().passages();
    try (LucenePassageRetriever alone = LucenePassageRetriever.hybrid(real, model)) {
      for (Question q : RealLessonQuestions.twenty()) {
        List<ScoredPassage> single = alone.retrieve(q.text(), 5);
        List<ScoredPassage> inCourse = retriever.retrieve(q.text(), 10_000).stream()
            .filter(s -> s.passage().lessonId().equals(RealLessonQuestions.REAL_LESSON_ID)).limit(5).toList();
        // what the answer gate reads (BM25, similarity) and the order are the one lesson's, whatever else is indexed
        assertThat(inCourse).as(q.text()).hasSameSizeAs(single);
        for (int i = 0; i < single.size(); i++) {
          assertThat(inCourse.get(i).passage().id()).as(q.text()).isEqualTo(single.get(i).passage().id());
          assertThat(inCourse.get(i).bm25()).as(q.text()).isCloseTo(single.get(i).bm25(), within(1e-4));
          assertThat(inCourse.get(i).similarity()).as(q.text()).isCloseTo(single.get(i).similarity(), within(1e-6));
        }
      }
    }
  }

  @Test
  void the_real_lessons_suggested_questions_are_answered_from_it_among_120_other_lessons() {
    ExtractiveAnswerer answerer = new ExtractiveAnswerer(library, retriever, retriever.vocabulary());
    for (String q : library.lesson(RealLessonQuestions.REAL_LESSON_ID).orElseThrow().suggestedQuestions()) {
      Answer a = answerer.answer(Question.of(q));
      assertThat(RealLessonQuestions.fromRealLesson(a)).as(q + " → " + a.text()).isTrue();
    }
  }
}
