package io.lessontutor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return Main.run(List.of(args), TestTutor.config(env),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void a_malformed_lesson_file_stops_start_up_with_file_line_and_problem_and_no_stack_trace(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("lessons"));
    Files.writeString(dir.resolve("lessons/bad.md"), "---\nid: x\n---\n");
    int code = run(Map.of("TUTOR_KNOWLEDGE_DIR", dir.toString()), "ask", "hello");
    String message = err.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(1);
    assertThat(message).contains("bad.md:1").contains("lacks").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void every_command_has_help_and_unknown_ones_are_a_usage_error() {
    for (String command : List.of("ask", "console", "checklist", "quiz", "report", "health")) {
      out.reset();
      assertThat(run(Map.of(), command, "--help")).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).as(command).contains("Usage");
    }
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'");
  }

  @Test
  void version_names_the_build_the_lessons_loaded_and_the_retrieval_mode() {
    assertThat(run(Map.of("TUTOR_RETRIEVAL", "bm25"), "--version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Lesson Tutor ").containsPattern("^Lesson Tutor \\d+\\.\\d+")
        .contains("Lessons loaded: 1 (").contains("657. When to Fine-Tune vs When to Just Prompt")
        .contains("Retrieval: bm25");
    out.reset();
    assertThat(run(Map.of("TUTOR_RETRIEVAL", "magic"), "--version")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("TUTOR_RETRIEVAL must be");
  }

  @Test
  void a_bad_setting_is_named_without_a_stack_trace() {
    assertThat(run(Map.of("TUTOR_RETRIEVAL", "magic"), "ask", "hi")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("TUTOR_RETRIEVAL must be 'hybrid' or 'bm25'");
  }

  @Test
  void health_exits_0_when_the_running_tutor_is_ready_and_1_with_its_reason_when_not() throws Exception {
    java.util.concurrent.atomic.AtomicReference<java.util.Optional<String>> why =
        new java.util.concurrent.atomic.AtomicReference<>(java.util.Optional.empty());
    io.lessontutor.metrics.MicrometerMetrics metrics = new io.lessontutor.metrics.MicrometerMetrics();
    io.lessontutor.metrics.MetricsServer server = io.lessontutor.metrics.MetricsServer.start(
        new java.net.InetSocketAddress("127.0.0.1", 0), metrics, why::get);
    try {
      Map<String, String> socketMode = Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1",
          "TUTOR_METRICS_PORT", String.valueOf(server.port()));
      assertThat(run(socketMode, "health")).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("ready" + System.lineSeparator());
      out.reset();
      why.set(java.util.Optional.of("database unavailable: connection refused"));
      assertThat(run(socketMode, "health")).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("not ready (503)").contains("database unavailable");
      out.reset();
      // HTTP mode asks PORT, not the metrics port: nothing listens there
      Map<String, String> httpMode = Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s",
          "TUTOR_METRICS_PORT", String.valueOf(server.port()), "PORT", "1");
      assertThat(run(httpMode, "health")).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("nothing answers on http://127.0.0.1:1/readyz");
    } finally {
      server.close();
      metrics.close();
    }
  }

  @Test
  void health_in_socket_mode_without_a_metrics_port_says_which_setting_to_add() {
    assertThat(run(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1"), "health")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("TUTOR_METRICS_PORT");
  }
}
