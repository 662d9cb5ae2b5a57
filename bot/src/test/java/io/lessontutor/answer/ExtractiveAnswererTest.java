package io.lessontutor.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.QuestionSet;
import io.lessontutor.TestTutor;
import io.lessontutor.Tutor;
import io.lessontutor.knowledge.Lesson;
import io.lessontutor.knowledge.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExtractiveAnswererTest {

  private final Tutor tutor = TestTutor.get();
  private final Answerer answerer = tutor.answerer();
  private final QuestionSet set = QuestionSet.load();

  @Test
  void refuses_every_off_topic_and_adversarial_question_of_the_set() {
    List<String> answered = new ArrayList<>();
    for (String q : set.refusable()) {
      Answer a = answerer.answer(Question.of(q));
      if (!a.refused()) {
        answered.add(q + " -> " + a.text());
      }
    }
    assertThat(set.offTopic()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(set.adversarial()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(answered).isEmpty();
  }

  @Test
  void answers_every_answerable_question_citing_the_expected_passage() {
    for (QuestionSet.Answerable q : set.answerable()) {
      Answer a = answerer.answer(Question.of(q.question()));
      assertThat(a.kind()).as(q.question()).isEqualTo(Answer.Kind.ANSWERED);
      assertThat(q.accepts(a.primarySource().passage())).as(q.question()).isTrue();
      assertThat(a.text()).endsWith("Source: " + a.primarySource().citation()
          + (a.primarySource().section().equals("Related lessons") ? a.text().substring(a.text().lastIndexOf(" (“")) : ""));
    }
  }

  @Test
  void answers_are_one_to_three_sentences_of_at_most_sixty_words() {
    for (QuestionSet.Answerable q : set.answerable()) {
      String body = body(answerer.answer(Question.of(q.question())));
      assertThat(ExtractiveAnswerer.words(body)).as(body).isBetween(5, ExtractiveAnswerer.MAX_WORDS);
      long sentences = body.split("(?<=[.!?])\\s+(?=[A-Z“])").length;
      assertThat(sentences).as(body).isBetween(1L, 3L);
    }
  }

  @Test
  void every_answer_sentence_is_passage_text_apart_from_the_friendly_frame() {
    Lesson lesson = tutor.library().lessons().get(0);
    Set<String> frameWords = ExtractiveAnswerer.frameWords();
    for (QuestionSet.Answerable q : set.answerable()) {
      Answer a = answerer.answer(Question.of(q.question()));
      String rest = body(a);
      for (Source s : a.sources()) {
        Passage p = tutor.library().passage(s.passage()).orElseThrow();
        // a bullet with a says: line is said in that sentence, never quoted bare
        String said = p.meaning();
        assertThat(rest).as("answer quotes its passage").contains(said.replaceAll("[.;:,]+$", "").split("(?<=[.!?])\\s+")[0].replaceAll("[.]$", ""));
        for (String sentence : said.split("(?<=[.!?])\\s+")) {
          rest = rest.replace(sentence.replaceAll("[.;:,]+$", ""), " ");
        }
        rest = rest.replace(p.section(), " ");
        if (p.relatedLesson() != null) {
          rest = rest.replace(p.relatedLesson(), " ");
        }
      }
      rest = rest.replace(lesson.title(), " ");
      for (String word : rest.split("[^\\p{L}']+")) {
        if (!word.isBlank()) {
          assertThat(frameWords).as("'%s' in: %s", word, a.text()).contains(word.toLowerCase(Locale.ROOT));
        }
      }
    }
  }

  @Test
  void refusals_are_kind_say_what_the_tutor_covers_and_suggest_answerable_questions() {
    Answer a = answerer.answer(Question.of("What's the weather like in Berlin today?"));
    assertThat(a.refused()).isTrue();
    assertThat(a.sources()).isEmpty();
    assertThat(a.text()).contains("can't find that in the lesson").contains("I can help with");
    Lesson lesson = tutor.library().lessons().get(0);
    assertThat(lesson.suggestedQuestions()).hasSizeBetween(2, 3);
    for (String suggestion : lesson.suggestedQuestions()) {
      assertThat(a.text()).contains(suggestion);
      assertThat(answerer.answer(Question.of(suggestion)).kind()).as(suggestion).isEqualTo(Answer.Kind.ANSWERED);
    }
  }

  @Test
  void what_is_this_lesson_about_is_answered_with_its_summary() {
    for (String q : List.of("What is this lesson about?", "Summarize the lesson", "tl;dr", "What's the key takeaway?")) {
      Answer a = answerer.answer(Question.of(q));
      assertThat(a.kind()).as(q).isEqualTo(Answer.Kind.ANSWERED);
      assertThat(a.primarySource().text()).startsWith("Fine-tuning is expensive and slow to iterate on.");
    }
  }

  @Test
  void a_question_for_a_whole_list_gets_every_item_of_it() {
    Answer a = answerer.answer(Question.of("What can't fine-tuning fix?"));
    assertThat(a.sources()).extracting(Source::section).containsOnly("What AI cannot do");
    assertThat(a.sources()).hasSize(3);
    assertThat(a.text()).contains("Fine-tuning can't make a bad use case good.")
        .contains("Fine-tuning can't substitute for high-quality training data")
        .contains("Fine-tuning doesn't eliminate the iteration cost");
  }

  @Test
  void questions_about_the_lesson_that_it_does_not_answer_are_declined() {
    for (String q : List.of("Who wrote this lesson?", "When was this lesson published?", "Is there a certificate for this course?")) {
      assertThat(answerer.answer(Question.of(q)).refused()).as(q).isTrue();
    }
  }

  @Test
  void questions_about_things_the_lesson_never_names_are_declined() {
    for (String q : List.of("What is prompt chaining?", "What is QLoRA?", "Does fine-tuning reduce bias?",
        "How do I fine-tune Llama 3?")) {
      assertThat(answerer.answer(Question.of(q)).refused()).as(q).isTrue();
    }
  }

  @Test
  void how_long_the_lesson_is_comes_from_its_page_header() {
    Answer a = answerer.answer(Question.of("How long is the lesson?"));
    assertThat(a.kind()).isEqualTo(Answer.Kind.ANSWERED);
    assertThat(a.text()).contains("~24 min read").contains("Lesson 657 of 1596");
  }

  @Test
  void everyday_first_questions_are_answered() {
    for (String q : List.of("Should we fine-tune or use RAG?", "Is fine-tuning worth it?", "When should I use LoRA?",
        "Can we skip prompting and go straight to LoRA?", "Is prompt engineering enough?", "Why is fine-tuning slow?",
        "What is the premise of the lesson?", "What's next after this lesson?",
        "We have 50k labeled support tickets. Should we fine-tune?",
        "Our training examples are inconsistent, will fine-tuning smooth that out?")) {
      assertThat(answerer.answer(Question.of(q)).kind()).as(q).isEqualTo(Answer.Kind.ANSWERED);
    }
    assertThat(answerer.answer(Question.of("What is the premise of the lesson?")).primarySource().section())
        .isEqualTo("The premise");
  }

  @Test
  void greetings_and_thanks_get_a_short_friendly_reply() {
    for (String q : List.of("hi", "Hello there!", "good morning", "thanks!", "Thank you so much", "help", "what can you do?")) {
      Answer a = answerer.answer(Question.of(q));
      assertThat(a.kind()).as(q).isEqualTo(Answer.Kind.SMALL_TALK);
      assertThat(a.refused()).isFalse();
      assertThat(ExtractiveAnswerer.words(a.text())).isLessThanOrEqualTo(60);
      assertThat(a.text().chars().filter(c -> c == '!').count()).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void openers_vary_between_questions() {
    Set<String> openers = new java.util.HashSet<>();
    for (QuestionSet.Answerable q : set.answerable()) {
      String text = answerer.answer(Question.of(q.question())).text();
      openers.add(text.substring(0, Math.min(12, text.length())));
    }
    assertThat(openers).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void a_follow_up_is_read_with_the_question_before_it() {
    Answer alone = answerer.answer(Question.of("and why is that?"));
    assertThat(alone.refused()).isTrue();
    Answer followUp = answerer.answer(new Question("and why is that?", "Does fine-tuning fix bad training data?"));
    assertThat(followUp.kind()).isEqualTo(Answer.Kind.ANSWERED);
    assertThat(followUp.primarySource().passage()).endsWith("what-ai-cannot-do/2");
    Answer lora = answerer.answer(new Question("what about LoRA?", "Should we fine-tune first?"));
    assertThat(lora.primarySource().text()).contains("LoRA");
  }

  @Test
  void text_from_users_never_comes_back_in_a_form_that_pings() {
    for (String q : List.of("<!channel> should we fine-tune?", "@here what is LoRA?", "<@U123ABC> is prompting free?",
        "@everyone <!here|here> RAG?", "<!subteam^S123> when to fine-tune?")) {
      Answer a = answerer.answer(Question.of(q));
      assertThat(a.text()).doesNotContain("<!").doesNotContain("<@").doesNotContainPattern("@(channel|here|everyone)\\b");
    }
  }

  private static String body(Answer a) {
    int source = a.text().lastIndexOf("\nSource: ");
    return source < 0 ? a.text() : a.text().substring(0, source);
  }
}
