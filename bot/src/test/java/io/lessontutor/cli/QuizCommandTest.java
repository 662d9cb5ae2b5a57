package io.lessontutor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.quiz.QuizBank;
import io.lessontutor.quiz.QuizQuestion;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuizCommandTest {

  static final Path KNOWLEDGE = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge"));
  static final LessonLibrary LIBRARY = LessonLibrary.load(KNOWLEDGE);
  static final QuizBank BANK = QuizBank.load(KNOWLEDGE, LIBRARY);

  @TempDir Path dir;
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private Tutor tutor(Path knowledge) {
    TutorConfig config = new TutorConfig(Map.of(
        TutorConfig.KNOWLEDGE_DIR, knowledge.toString(),
        TutorConfig.DATA_DIR, dir.resolve("data").toString()));
    return new Tutor(config, LessonLibrary.load(knowledge), (query, max) -> List.of(), question -> {
      throw new AssertionError("the quiz never asks the answerer");
    });
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void help_says_how_to_take_the_quiz() {
    int code = QuizCommand.run(tutor(KNOWLEDGE), List.of("--help"), reader(""), out, false);

    assertThat(code).isZero();
    assertThat(output()).startsWith("Usage: tutor quiz").contains("q to stop").contains("come back at the end");
  }

  @Test
  void an_unknown_option_is_refused() {
    int code = QuizCommand.run(tutor(KNOWLEDGE), List.of("--fast"), reader(""), out, false);

    assertThat(code).isEqualTo(2);
    assertThat(output()).contains("Unknown option '--fast'").contains("tutor quiz --help");
  }

  @Test
  void a_whole_quiz_brings_back_the_missed_question_and_saves_the_score() {
    Tutor tutor = tutor(KNOWLEDGE);
    // Misses the first question it sees once, then answers everything right.
    ScriptedReader answers = new ScriptedReader(question -> question.equals(firstQuestionShown())
        && !output().contains("Not quite") ? wrong(question) : right(question));

    int code = QuizCommand.run(tutor, List.of(), answers, out, false);

    String text = output();
    assertThat(code).isZero();
    assertThat(text).contains("The lesson quiz: 10 questions.");
    assertThat(text).contains("Question 1 of 10").contains("Question 10 of 10");
    assertThat(text).contains("  1. ").contains("Your answer (1-");
    assertThat(text).containsOnlyOnce("Not quite. The answer is ");
    assertThat(text).contains("This one will come back at the end.");
    assertThat(text).contains("Another go at a question you missed (1 left)\n" + firstQuestionShown().text());
    assertThat(text).contains("Why: ").contains("Source: When to Fine-Tune vs When to Just Prompt: A Decision Framework › ");
    assertThat(text).contains("Quiz done! Score: 9/10 right at the first try (a new best).");
    assertThat(text).contains("Mastered: 10 of 13 questions in the bank.");

    bytes.reset();
    assertThat(QuizCommand.run(tutor, List.of("--progress"), reader(""), out, false)).isZero();
    assertThat(output()).contains("Best score: 9/10 (1 quiz finished).").contains("Mastered: 10 of 13 questions.");
  }

  @Test
  void bad_input_is_asked_again_and_q_stops_with_the_progress_saved() {
    Tutor tutor = tutor(KNOWLEDGE);

    int code = QuizCommand.run(tutor, List.of(), reader("banana\n9\nq\n"), out, false);

    assertThat(code).isZero();
    assertThat(output()).contains("Your answer (1-").contains("banana").contains("Please type a number from 1 to ");
    assertThat(output()).contains("Stopped. Your progress is saved: run 'tutor quiz' again to carry on.");

    bytes.reset();
    QuizCommand.run(tutor, List.of(), reader(""), out, false);
    assertThat(output()).startsWith("Picking up your unfinished quiz.").contains("Question 1 of 10");
  }

  @Test
  void a_broken_question_bank_stops_start_up_naming_the_file() throws IOException {
    Path knowledge = dir.resolve("knowledge");
    Files.createDirectories(knowledge.resolve("lessons"));
    Files.createDirectories(knowledge.resolve("quizzes"));
    try (var lessons = Files.list(KNOWLEDGE.resolve("lessons"))) {
      for (Path lesson : lessons.toList()) {
        Files.copy(lesson, knowledge.resolve("lessons").resolve(lesson.getFileName()));
      }
    }
    Files.createDirectories(knowledge.resolve("checklists"));
    Files.copy(KNOWLEDGE.resolve("checklists/should-we-finetune.yaml"), knowledge.resolve("checklists/should-we-finetune.yaml"));
    Files.writeString(knowledge.resolve("quizzes/broken.yaml"), "lesson: no-such-lesson\nquestions: []\n");

    assertThatThrownBy(() -> tutor(knowledge))
        .isInstanceOf(io.lessontutor.knowledge.KnowledgeFileException.class)
        .hasMessageContaining("broken.yaml").hasMessageContaining("no-such-lesson");
  }

  private static BufferedReader reader(String text) {
    return new BufferedReader(new StringReader(text));
  }

  private static String right(QuizQuestion q) {
    return String.valueOf(q.answer() + 1);
  }

  private static String wrong(QuizQuestion q) {
    return String.valueOf((q.answer() + 1) % q.choices().size() + 1);
  }

  private QuizQuestion firstQuestionShown() {
    return shownAfter(output().indexOf("Question 1 of 10"));
  }

  /** The bank question whose text is printed on the line after {@code from}. */
  private QuizQuestion shownAfter(int from) {
    String rest = output().substring(from);
    String line = rest.split("\n")[1];
    return BANK.questions().stream().filter(q -> q.text().equals(line)).findFirst()
        .orElseThrow(() -> new AssertionError("not a bank question: " + line));
  }

  /** Answers the question last shown, the way a person at the terminal would. */
  private final class ScriptedReader extends BufferedReader {
    private final Function<QuizQuestion, String> policy;

    ScriptedReader(Function<QuizQuestion, String> policy) {
      super(new StringReader(""));
      this.policy = policy;
    }

    @Override
    public String readLine() {
      String text = output();
      int question = Math.max(text.lastIndexOf("\nQuestion "), text.lastIndexOf("\nAnother go"));
      return policy.apply(shownAfter(question + 1));
    }
  }
}
