package io.lessontutor.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import io.lessontutor.QuestionSet;
import io.lessontutor.TestTutor;
import io.lessontutor.knowledge.LessonLibrary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LucenePassageRetrieverTest {

  private static final String LESSON = "when-to-fine-tune-vs-when-to-just-prompt/";
  private final LucenePassageRetriever hybrid = (LucenePassageRetriever) TestTutor.get().retriever();

  @Test
  void a_question_is_cut_to_its_first_words_exactly_as_splitting_on_white_space_cuts_it() {
    java.util.regex.Pattern space = java.util.regex.Pattern.compile("\\s+");
    List<String> texts = new ArrayList<>(List.of("", "   ", " one ", "two  words", "tab\tand\nnew line\r\n",
        "\u00a0non-breaking\u00a0spaces\u00a0stay\u00a0inside\u00a0words "));
    StringBuilder many = new StringBuilder("  ");
    for (int i = 0; i < LucenePassageRetriever.MAX_QUERY_WORDS + 3; i++) {
      many.append("w").append(i).append(i % 3 == 0 ? " \t " : " ");
      texts.add(many.toString());
    }
    for (String text : texts) {
      String[] words = space.split(text.strip(), LucenePassageRetriever.MAX_QUERY_WORDS + 1);
      String expected = words.length <= LucenePassageRetriever.MAX_QUERY_WORDS ? text.strip()
          : String.join(" ", java.util.Arrays.copyOf(words, LucenePassageRetriever.MAX_QUERY_WORDS));
      assertThat(LucenePassageRetriever.bounded(text)).as(text).isEqualTo(expected);
    }
    assertThat(LucenePassageRetriever.bounded(many.toString()).split(" ")).hasSize(LucenePassageRetriever.MAX_QUERY_WORDS);
  }

  @Test
  void every_answerable_question_finds_its_passage_at_rank_one() {
    QuestionSet set = QuestionSet.load();
    List<String> misses = new ArrayList<>();
    for (QuestionSet.Answerable q : set.answerable()) {
      String top = hybrid.retrieve(q.question(), 1).get(0).passage().id();
      if (!q.accepts(top)) {
        misses.add(q.question() + " -> " + top + " (expected " + q.expectedPassage() + ")");
      }
    }
    int n = set.answerable().size();
    System.out.printf("rank-1 accuracy (hybrid): %d/%d%n", n - misses.size(), n);
    assertThat(n).isGreaterThanOrEqualTo(40);
    assertThat(misses).isEmpty();
  }

  @Test
  void synonyms_find_fine_tuning_rag_and_lora_under_other_spellings() {
    LucenePassageRetriever bm25 = LucenePassageRetriever.bm25(LessonLibrary.load(TestTutor.KNOWLEDGE).passages());
    assertThat(bm25.retrieve("retrieval-augmented generation", 3))
        .allSatisfy(found -> assertThat(found.passage().text()).contains("RAG"));
    assertThat(bm25.retrieve("low-rank adaptation", 1).get(0).passage().id()).startsWith(LESSON)
        .satisfiesAnyOf(id -> assertThat(id).endsWith("what-ai-does-well-here/4"), id -> assertThat(id).endsWith("key-terms/4"));
    assertThat(bm25.retrieve("labelled data set", 1).get(0).passage().text()).containsIgnoringCase("labeled");
    assertThat(bm25.retrieve("finetune", 3)).isNotEmpty();
    assertThat(bm25.vocabulary().coverage("finetune labelled PEFT")).isEqualTo(1.0);
  }

  @Test
  void unknown_words_are_reported_and_blank_queries_find_nothing() {
    assertThat(hybrid.vocabulary().unknownTerms("What learning rate for LoRA?")).contains("rate");
    assertThat(hybrid.vocabulary().coverage("weather in Berlin")).isZero();
    assertThat(hybrid.retrieve("  ", 3)).isEmpty();
    assertThat(hybrid.retrieve("fine-tuning", 0)).isEmpty();
  }

  @Test
  void scores_are_ordered_and_carry_both_signals() {
    List<ScoredPassage> found = hybrid.retrieve("Should we fine-tune first?", 5);
    assertThat(found).hasSize(5);
    for (int i = 1; i < found.size(); i++) {
      assertThat(found.get(i).score()).isLessThanOrEqualTo(found.get(i - 1).score());
    }
    assertThat(found.get(0).similarity()).isBetween(0.4, 1.0);
    assertThat(found.get(0).bm25()).isPositive();
  }

  @Test
  void glossary_entries_answer_what_is_questions_only() {
    assertThat(QuestionIntent.isDefinitional("What is LoRA?")).isTrue();
    assertThat(QuestionIntent.isDefinitional("What does RAG stand for?")).isTrue();
    assertThat(QuestionIntent.isDefinitional("What's the first step in the framework?")).isFalse();
    assertThat(hybrid.retrieve("What is LoRA?", 1).get(0).passage().id()).isEqualTo(LESSON + "key-terms/4");
  }

  @Test
  void the_langchain4j_content_retriever_returns_passages_with_their_metadata() {
    LessonContentRetriever retriever = new LessonContentRetriever(hybrid, 2);
    List<Content> contents = retriever.retrieve(Query.from("Does fine-tuning slow down iteration?"));
    assertThat(contents).hasSize(2);
    Content first = contents.get(0);
    assertThat(first.textSegment().metadata().getString(LessonContentRetriever.PASSAGE_ID)).startsWith(LESSON);
    assertThat(first.textSegment().metadata().getString(LessonContentRetriever.SECTION)).isNotBlank();
    assertThat(first.textSegment().text()).isNotBlank();
  }
}
