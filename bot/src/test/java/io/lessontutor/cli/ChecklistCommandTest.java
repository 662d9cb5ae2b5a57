package io.lessontutor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lessontutor.Tutor;
import io.lessontutor.answer.Answer;
import io.lessontutor.checklist.ChecklistHistory;
import io.lessontutor.checklist.ChecklistRun;
import io.lessontutor.checklist.ChecklistService;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.LessonLibrary;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecklistCommandTest {

  private static final Path KNOWLEDGE = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge"));
  private static final LessonLibrary LIBRARY = LessonLibrary.load(KNOWLEDGE);

  @TempDir Path dir;

  private Tutor tutor;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @BeforeEach
  void buildTutor() {
    TutorConfig config = new TutorConfig(Map.of(
        TutorConfig.KNOWLEDGE_DIR, KNOWLEDGE.toString(),
        TutorConfig.DATABASE_URL, "jdbc:sqlite:" + dir.resolve("tutor.db")));
    tutor = new Tutor(config, LIBRARY, (query, max) -> List.of(),
        question -> new Answer(question.text(), "not covered", Answer.Kind.REFUSED, List.of(), 0, "fake", null));
  }

  private int run(String stdin, boolean interactive, String... args) {
    return ChecklistCommand.run(tutor, List.of(args), new BufferedReader(new StringReader(stdin)), out, interactive);
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void json_mode_prints_one_object_with_the_documented_shape_and_never_prompts() throws Exception {
    int code = run("y\ny\ny\n", true, "--json", "we have 80k labeled tickets and latency is our problem");

    assertThat(code).isZero();
    assertThat(output().strip().lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(output());
    assertThat(json.fieldNames()).toIterable()
        .containsExactly("verdict", "headline", "next_step", "answers", "reasons", "assumptions");
    assertThat(json.get("verdict").asText()).isEqualTo("need-more-info");
    assertThat(json.get("answers").get("large-labeled-dataset").asText()).isEqualTo("yes");
    assertThat(json.get("answers").get("latency-or-cost-problem").asText()).isEqualTo("yes");
    assertThat(json.get("answers").get("rag-tried").asText()).isEqualTo("unknown");
    assertThat(json.get("answers").size()).isEqualTo(10);
    assertThat(json.get("reasons")).isNotEmpty().allSatisfy(reason -> {
      assertThat(reason.fieldNames()).toIterable().containsExactly("check", "answer", "because", "source");
      assertThat(reason.get("source").asText()).startsWith("When to Fine-Tune vs When to Just Prompt: A Decision Framework › ");
    });
  }

  @Test
  void json_mode_reaches_a_verdict_from_the_description_alone() throws Exception {
    int code = run("", false, "--json", "the use case is clear but we haven't tried prompt engineering");

    JsonNode json = new ObjectMapper().readTree(output());
    assertThat(code).isZero();
    assertThat(json.get("verdict").asText()).isEqualTo("prompt-first");
    assertThat(json.get("reasons")).singleElement().satisfies(reason -> {
      assertThat(reason.get("check").asText()).isEqualTo("prompting-pushed");
      assertThat(reason.get("answer").asText()).isEqualTo("no");
    });
  }

  private static long prompts(String text) {
    return text.split("\\[y/n/\\?]", -1).length - 1;
  }

  @Test
  void in_a_terminal_it_stops_asking_once_the_verdict_cannot_change() {
    // "No" to the first question (is the use case sound?) settles it: nothing else can matter.
    int code = run("n\ny\ny\ny\n", true);

    assertThat(code).isZero();
    assertThat(prompts(output())).isEqualTo(1);
    assertThat(output()).contains("[fix-use-case]");
  }

  @Test
  void in_a_terminal_it_asks_only_what_the_description_left_open_and_re_asks_bad_input() {
    int code = run("y\nmaybe\ny\nn\ny\ny\ny\ny\ny\n", true,
        "we have 80k labeled tickets and latency is our problem");

    assertThat(code).isZero();
    String text = output();
    assertThat(text).contains("From your description:");
    assertThat(text).doesNotContain("Do you have a large labeled dataset? [y/n/?]");
    // latency is a Yes, so the format question can't change anything and is never asked
    assertThat(text).doesNotContain("Do you need style and format consistency at high volume? [y/n/?]");
    assertThat(text).contains("Please answer y (yes), n (no) or ? (not sure).");
    assertThat(text).contains("[fine-tune-with-lora]");
  }

  @Test
  void after_no_dataset_it_never_asks_whether_the_data_is_high_quality() {
    int code = run("y\ny\nn\ny\ny\ny\ny\n", true, "we have no labeled data");

    assertThat(code).isZero();
    assertThat(output()).doesNotContain("Is that data high quality");
    assertThat(output()).contains("[get-better-data]");
  }

  @Test
  void the_card_shows_three_reasons_in_one_line_each_and_verbose_shows_all() {
    run("y\ny\nn\ny\ny\ny\ny\ny\ny\n", true);
    String card = output().substring(output().indexOf("[fine-tune-with-lora]"));
    assertThat(card.lines().filter(l -> l.startsWith("  - "))).hasSize(3);
    assertThat(card).contains("(What AI cannot do)").contains("more: --verbose");
    assertThat(card).doesNotContain("A Decision Framework");

    bytes.reset();
    run("y\ny\nn\ny\ny\ny\ny\ny\ny\n", true, "--verbose");
    String verbose = output().substring(output().indexOf("[fine-tune-with-lora]"));
    // knowledge isn't the gap, so RAG was never asked: eight answers decided it
    assertThat(verbose.lines().filter(l -> l.startsWith("  - "))).hasSize(8);
    assertThat(verbose).contains("\"Make a bad use case good with fine-tuning\"");
  }

  @Test
  void piped_answers_are_read_one_per_line_for_the_same_questions() {
    int code = run("yes\nnot sure\n", false, "the prompt is a first draft");

    assertThat(code).isZero();
    // prompting is a No, so prompt-first holds; only the use case could still change the verdict
    assertThat(output()).contains("Is the use case itself sound: would a perfect answer really help someone? Yes");
    assertThat(output()).contains("[prompt-first]");
    assertThat(output()).doesNotContain("Assuming");
  }

  @Test
  void a_piped_line_that_is_not_an_answer_is_a_clear_error_and_nothing_is_stored() {
    int code = run("yes\nperhaps\n", false);

    assertThat(code).isEqualTo(ChecklistCommand.USAGE);
    assertThat(output()).contains("line 2 of standard input is \"perhaps\", not yes, no or not sure");
    assertThat(tutor.checklistService().history(ChecklistHistory.CLI, 10)).isEmpty();
  }

  @Test
  void no_piped_answers_says_how_to_give_them_and_uses_the_description_alone() {
    int code = run("", false, "the prompt is a first draft");

    assertThat(code).isZero();
    assertThat(output()).contains("No answers on standard input").contains("one per line (yes / no / not sure)");
    assertThat(output()).contains("[prompt-first]").contains("Assuming the use case is sound.");
  }

  @Test
  void runs_from_the_terminal_are_stored_under_cli() {
    run("", false, "--json", "the use case is vague");
    run("", false, "the use case is clear but we haven't tried prompt engineering");

    ChecklistService service = ChecklistService.load(KNOWLEDGE, LIBRARY, tutor.database());
    assertThat(service.history(ChecklistHistory.CLI, 10)).extracting(ChecklistRun::verdict)
        .containsExactly("prompt-first", "fix-use-case");
  }

  @Test
  void help_explains_the_command_and_the_precedence() {
    assertThat(run("", true, "--help")).isZero();
    assertThat(output()).contains("Usage: scripts/tutor checklist [--json] [--verbose] [DESCRIPTION]")
        .contains("--json").contains("→ fix-use-case").contains("→ need-more-info");
  }

  @Test
  void an_unknown_option_is_a_usage_error_not_a_stack_trace() {
    assertThat(run("", false, "--jsn")).isEqualTo(ChecklistCommand.USAGE);
    assertThat(output()).contains("unknown option --jsn");
  }

  @Test
  void a_missing_checklist_file_stops_start_up_naming_the_file() {
    assertThatThrownBy(() -> new Tutor(tutor.config().with(Map.of(TutorConfig.KNOWLEDGE_DIR, dir.toString())), LIBRARY,
        tutor.retriever(), tutor.answerer()))
        .isInstanceOf(io.lessontutor.knowledge.KnowledgeFileException.class)
        .hasMessageContaining("should-we-finetune.yaml");
  }
}
