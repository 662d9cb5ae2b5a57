package io.lessontutor.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.Passage;
import io.lessontutor.search.LucenePassageRetriever;
import io.lessontutor.search.MiniLmEmbeddingModel;
import io.lessontutor.search.ScoredPassage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnswerPipelineTest {

  private static final LessonLibrary LIBRARY = TestLessons.library();
  private static LucenePassageRetriever retriever;
  private static ExtractiveAnswerer answerer;

  @BeforeAll
  static void build() {
    retriever = LucenePassageRetriever.hybrid(LIBRARY.passages(), new MiniLmEmbeddingModel());
    answerer = new ExtractiveAnswerer(LIBRARY, retriever, retriever.vocabulary());
  }

  @AfterAll
  static void close() throws Exception {
    retriever.close();
  }

  @Test
  void each_question_is_retrieved_and_embedded_at_most_once_whatever_its_route() {
    List<Question> questions = new ArrayList<>();
    AnswerSet.tuning().items().forEach(i -> questions.add(i.asQuestion()));
    AnswerSet.heldOut().items().forEach(i -> questions.add(i.asQuestion()));
    questions.add(new Question("and after that?", "what comes first in the framework?"));
    questions.add(new Question("any good ramen places near the office?", "which is lighter, LoRA or a full fine-tune?"));
    questions.add(Question.of("x".repeat(40_000)));
    int searched = 0;
    for (Question q : questions) {
      long retrievals = retriever.retrievals();
      long embeddings = retriever.embeddings();
      Answer a = answerer.answer(q);
      long r = retriever.retrievals() - retrievals;
      assertThat(r).as(q.text()).isLessThanOrEqualTo(1);
      assertThat(retriever.embeddings() - embeddings).as(q.text()).isEqualTo(r);
      searched += (int) r;
      assertThat(a.text()).isNotBlank();
    }
    // greetings, injections and "what is this lesson about?" need no search; everything else one
    assertThat(searched).isGreaterThan(questions.size() * 3 / 4);
  }

  @Test
  void a_declined_question_is_not_retried_with_the_one_before_it() {
    long before = retriever.retrievals();
    Answer a = answerer.answer(new Question("any good ramen places near the office?", "which is lighter, LoRA or a full fine-tune?"));
    assertThat(a.refused()).isTrue();
    assertThat(a.reason()).isNotBlank();
    assertThat(retriever.retrievals() - before).isEqualTo(1);
  }

  @Test
  void and_after_that_following_the_first_step_is_answered_with_the_rag_step() {
    Answer a = answerer.answer(new Question("and after that?", "what comes first in the framework?"));
    assertThat(a.kind()).isEqualTo(Answer.Kind.ANSWERED);
    assertThat(a.primarySource().passage()).endsWith("what-ai-does-well-here/2");
    assertThat(a.text()).contains("Try RAG second");
  }

  @Test
  void a_message_is_read_with_the_one_before_it_only_when_it_reads_as_a_follow_up() {
    assertThat(FollowUp.reads("and why?")).isTrue();
    assertThat(FollowUp.reads("how about adapters?")).isTrue();
    assertThat(FollowUp.reads("is that expensive?")).isTrue();
    assertThat(FollowUp.reads("and after that?")).isTrue();
    assertThat(FollowUp.reads("any good ramen places near the office?")).isFalse();
    assertThat(FollowUp.reads("what chunk size should we use for our documents?")).isFalse();
    Answer adapters = answerer.answer(new Question("how about adapters?", "should we fine-tune or just prompt?"));
    assertThat(adapters.primarySource().passage()).endsWith("what-ai-does-well-here/4");
    Answer qlora = answerer.answer(new Question("and QLoRA?", "what is LoRA?"));
    assertThat(qlora.refused()).isTrue();
    assertThat(qlora.reason()).contains("qlora");
  }

  @Test
  void every_answer_citing_a_cannot_do_bullet_carries_its_negation() {
    List<Passage> cannot = LIBRARY.passages().stream().filter(p -> p.says() != null).toList();
    assertThat(cannot).hasSize(3);
    for (Passage p : cannot) {
      // the bullet as the best passage, as the second one, and inside its whole list
      Answer alone = compose("can fine-tuning do that?", List.of(p));
      assertThat(alone.text()).as(p.id()).contains(p.says()).doesNotContain("lists: " + p.text());
      Passage premise = LIBRARY.passage(AnswerSet.LESSON + "/the-premise/1").orElseThrow();
      Answer second = compose("should we fine-tune?", List.of(premise, p));
      if (second.sources().size() > 1) {
        assertThat(second.text()).as(p.id()).contains(p.says());
      }
      Answer list = compose("what can't fine-tuning fix?", List.of(p));
      assertThat(list.sources()).hasSize(3);
      cannot.forEach(each -> assertThat(list.text()).contains(each.says()));
    }
    AnswerSet.Score tuning = AnswerSet.tuning().score(answerer, LIBRARY);
    assertThat(tuning.negationsCarried()).isEqualTo(tuning.negationsNeeded()).isPositive();
  }

  @Test
  void yes_no_questions_open_with_the_lessons_stance_and_never_a_wrong_one() {
    assertThat(answerer.answer(Question.of("Is fine-tuning expensive?")).text()).startsWith("Yes — ");
    assertThat(answerer.answer(Question.of("should we fine tune first?")).text()).startsWith("Usually not — ");
    assertThat(answerer.answer(Question.of("LoRA or full fine-tuning?")).text()).startsWith("LoRA — ");
    // "matter" is in neither clause of the data-quality bullet: unsure, so no stance rather than a wrong "No"
    assertThat(Stance.opening(answerer.answer(Question.of("does data quality matter for fine-tuning")).text())).isEmpty();
    for (AnswerSet set : List.of(AnswerSet.tuning(), AnswerSet.heldOut())) {
      assertThat(set.score(answerer, LIBRARY).wrongStance()).as(set.name()).isZero();
    }
  }

  @Test
  void how_much_questions_say_the_lesson_gives_no_number_when_it_has_none() {
    Answer a = answerer.answer(Question.of("how much data do we need for fine-tuning"));
    assertThat(a.kind()).isEqualTo(Answer.Kind.ANSWERED);
    assertThat(a.text()).contains(ExtractiveAnswerer.NO_NUMBER);
  }

  @Test
  void the_answer_carries_the_passages_the_gate_approved_and_a_reason() {
    Answer answered = answerer.answer(Question.of("When does fine-tuning make sense?"));
    assertThat(answered.grounds()).isNotEmpty();
    assertThat(answered.grounds().get(0).id()).isEqualTo(answered.primarySource().passage());
    assertThat(answered.reason()).startsWith("the lesson covers it");
    Answer far = answerer.answer(Question.of("what's QLoRA"));
    assertThat(far.grounds()).isEmpty();
    assertThat(far.reason()).startsWith("the closest passage is too far from it");
    Answer specific = answerer.answer(Question.of("can fine-tuning fix hallucinations"));
    assertThat(specific.refused()).isTrue();
    assertThat(specific.reason()).contains("hallucinations");
  }

  private static Answer compose(String question, List<Passage> approved) {
    List<ScoredPassage> scored = approved.stream().map(p -> new ScoredPassage(p, 1, 1, 1)).toList();
    return answerer.compose(new AnswerPipeline.Judgement(Question.of(question), AnswerPipeline.Route.ORDINARY, scored,
        AnswerPipeline.Verdict.covers("test")));
  }
}
