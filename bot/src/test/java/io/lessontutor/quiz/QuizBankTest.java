package io.lessontutor.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lessontutor.knowledge.KnowledgeFileException;
import io.lessontutor.knowledge.LessonLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuizBankTest {

  static final Path KNOWLEDGE = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge"));
  static final String LESSON = "when-to-fine-tune-vs-when-to-just-prompt";
  static final LessonLibrary LIBRARY = LessonLibrary.load(KNOWLEDGE);

  @TempDir Path dir;

  @Test
  void the_lessons_bank_loads_with_at_least_ten_questions() {
    QuizBank bank = QuizBank.load(KNOWLEDGE, LIBRARY);

    assertThat(bank.size()).isGreaterThanOrEqualTo(10);
    assertThat(bank.questions()).allSatisfy(q -> {
      assertThat(q.choices()).hasSizeBetween(2, 4).doesNotHaveDuplicates();
      assertThat(QuizBank.supportOf(q.explanation(), q.passage().text())).isGreaterThanOrEqualTo(QuizBank.MIN_SUPPORT);
      assertThat(q.passage().lessonId()).isEqualTo(LESSON);
    });
    assertThat(bank.question("weekly-task")).get()
        .satisfies(q -> assertThat(q.rightChoice()).startsWith("Keep prompting"));
  }

  @Test
  void the_bank_tests_more_than_one_section_of_the_lesson() {
    QuizBank bank = QuizBank.load(KNOWLEDGE, LIBRARY);
    assertThat(bank.questions().stream().map(q -> q.passage().section()).distinct().count()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void support_counts_stemmed_content_words_found_in_the_passage() {
    String passage = "Fine-tuning slows your iteration speed dramatically";
    assertThat(QuizBank.supportOf("Fine-tuning slowed the iterations dramatically.", passage)).isEqualTo(1.0);
    assertThat(QuizBank.supportOf("RAG adds domain context.", passage)).isZero();
    assertThat(QuizBank.supportOf("the and of", passage)).isZero();
  }

  @Test
  void a_missing_passage_is_named_with_the_file_and_question() throws IOException {
    Path file = bank(question("ghost", LESSON + "/the-premise/9", "[Prompting + RAG, Full fine-tuning]",
        "Prompting + RAG", "Most teams should exhaust prompting + RAG before considering fine-tuning."));

    assertThatThrownBy(() -> QuizBank.load(dir, LIBRARY))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("question 'ghost'")
        .hasMessageContaining("passage '" + LESSON + "/the-premise/9' does not exist");
  }

  @Test
  void an_explanation_the_passage_does_not_support_is_refused() throws IOException {
    bank(question("wrong-passage", LESSON + "/what-ai-cannot-do/3", "[Prompting + RAG, Full fine-tuning]",
        "Prompting + RAG", "Most teams should exhaust prompting + RAG before considering fine-tuning."));

    assertThatThrownBy(() -> QuizBank.load(dir, LIBRARY))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("question 'wrong-passage'")
        .hasMessageContaining("does not support the explanation")
        .hasMessageContaining("exhaust");
  }

  @Test
  void an_answer_that_is_not_a_choice_is_refused() throws IOException {
    bank(question("lost-answer", LESSON + "/the-premise/1", "[Full fine-tuning, LoRA]",
        "Prompting + RAG", "Most teams should exhaust prompting + RAG before considering fine-tuning."));

    assertThatThrownBy(() -> QuizBank.load(dir, LIBRARY))
        .hasMessageContaining("question 'lost-answer'")
        .hasMessageContaining("the answer 'Prompting + RAG' is not one of its choices");
  }

  @Test
  void one_choice_or_five_choices_are_refused() throws IOException {
    bank(question("lonely", LESSON + "/the-premise/1", "[Prompting + RAG]",
        "Prompting + RAG", "Most teams should exhaust prompting + RAG before considering fine-tuning."));
    assertThatThrownBy(() -> QuizBank.load(dir, LIBRARY)).hasMessageContaining("question 'lonely': it has 1 choices");

    bank(question("crowded", LESSON + "/the-premise/1", "[Prompting + RAG, A, B, C, D]",
        "Prompting + RAG", "Most teams should exhaust prompting + RAG before considering fine-tuning."));
    assertThatThrownBy(() -> QuizBank.load(dir, LIBRARY)).hasMessageContaining("question 'crowded': it has 5 choices");
  }

  @Test
  void repeated_choices_are_refused() throws IOException {
    bank(question("echo", LESSON + "/the-premise/1", "[Prompting + RAG, prompting + rag, LoRA]",
        "Prompting + RAG", "Most teams should exhaust prompting + RAG before considering fine-tuning."));

    assertThatThrownBy(() -> QuizBank.load(dir, LIBRARY))
        .hasMessageContaining("question 'echo': the choice 'prompting + rag' appears twice");
  }

  @Test
  void a_repeated_id_is_refused_with_its_line() throws IOException {
    String q = question("twice", LESSON + "/the-premise/1", "[Prompting + RAG, LoRA]",
        "Prompting + RAG", "Most teams should exhaust prompting + RAG before considering fine-tuning.");
    Path file = bank(q + q);

    assertThatThrownBy(() -> QuizBank.load(dir, LIBRARY))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("question 'twice': the id is already used in this file")
        .satisfies(e -> assertThat(((KnowledgeFileException) e).file()).isEqualTo(file))
        .satisfies(e -> assertThat(((KnowledgeFileException) e).line()).isEqualTo(4));
  }

  @Test
  void an_explanation_of_two_sentences_is_refused() throws IOException {
    bank(question("chatty", LESSON + "/the-premise/1", "[Prompting + RAG, LoRA]",
        "Prompting + RAG", "Fine-tuning is rarely the right first move. Most teams should exhaust prompting + RAG."));

    assertThatThrownBy(() -> QuizBank.load(dir, LIBRARY))
        .hasMessageContaining("question 'chatty': the explanation must be one sentence");
  }

  @Test
  void a_question_missing_its_explanation_is_refused() throws IOException {
    bank("  - id: mute\n    passage: " + LESSON + "/the-premise/1\n    question: Why?\n"
        + "    choices: [Prompting + RAG, LoRA]\n    answer: Prompting + RAG\n");

    assertThatThrownBy(() -> QuizBank.load(dir, LIBRARY))
        .hasMessageContaining("question 'mute': 'explanation' is missing or empty");
  }

  @Test
  void a_missing_quizzes_folder_is_named() {
    assertThatThrownBy(() -> QuizBank.load(dir, LIBRARY))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("no quizzes folder");
  }

  private Path bank(String questions) throws IOException {
    Files.createDirectories(dir.resolve("quizzes"));
    Path file = dir.resolve("quizzes").resolve("test.yaml");
    Files.writeString(file, "lesson: " + LESSON + "\nquestions:\n\n" + questions);
    return file;
  }

  private static String question(String id, String passage, String choices, String answer, String explanation) {
    return "  - id: " + id + "\n"
        + "    passage: " + passage + "\n"
        + "    question: What now?\n"
        + "    choices: " + choices + "\n"
        + "    answer: " + answer + "\n"
        + "    explanation: " + explanation + "\n";
  }
}
