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
        .containsExactly("verdict", "headline", "next_step", "answers", "reasons");
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

  @Test
  void in_a_terminal_it_asks_only_what_the_description_left_open_and_re_asks_bad_input() {
    // Open after the description: sound, prompting, knowledge gap, rag, stable, quality, format, iteration.
    int code = run("y\nmaybe\ny\nn\ny\ny\ny\ny\ny\n", true,
        "we have 80k labeled tickets and latency is our problem");

    assertThat(code).isZero();
    String text = output();
    assertThat(text).contains("From your description:");
    assertThat(text).doesNotContain("Do you have a large labeled dataset? [y/n/?]");
    assertThat(text).contains("Please answer y (yes), n (no) or ? (not sure).");
    assertThat(text).contains("[fine-tune-with-lora]");
    assertThat(text).contains("use LoRA rather than full fine-tuning");
  }

  @Test
  void end_of_input_leaves_the_rest_not_sure() {
    int code = run("n\n", true);

    assertThat(code).isZero();
    assertThat(output()).contains("[fix-use-case]");
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
    assertThat(output()).contains("Usage: scripts/tutor checklist [--json] [DESCRIPTION]")
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
