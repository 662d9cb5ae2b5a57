package io.lessontutor.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.slack.SlackApp;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.SignedSlackRequests;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With {@code TUTOR_LOG_FORMAT=json} every line the tutor logs while it answers on Slack is one
 * JSON object with the timestamp, level, logger, message and the request's team, channel and
 * event id, and no line holds a token, the signing secret or what people wrote.
 */
class JsonLogsIT {

  static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dataDir;

  @Test
  void json_logs_parse_carry_the_request_context_and_hold_no_token_or_message_text() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    LogSettings.apply(new TutorConfig(Map.of(TutorConfig.LOG_FORMAT, "JSON")));
    reconfigure();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (FakeSlackApi api = new FakeSlackApi();
         Tutor tutor = SlackTestTutor.real(SlackTestTutor.config(dataDir, api))) {
      SlackApp slack = SlackApp.build(tutor, List.of());
      SlackHttpServer server = SlackHttpServer.start(slack.app(),
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), slack.health(), tutor.metrics());
      try {
        SignedSlackRequests sends = new SignedSlackRequests(server.port());
        assertThat(sends.event(SlackPayloads.appMention("EvLogs1", "C0LOGS", "UALICE", "900.000001", null,
            "<@" + FakeSlackApi.BOT_USER_ID + "> What is Zanzibarification?"))).isEqualTo(200);
        assertThat(sends.event(SlackPayloads.appMention("EvLogs2", "C0LOGS", "UALICE", "900.000002", null,
            "<@" + FakeSlackApi.BOT_USER_ID + "> should we fine-tune first, Quetzalcoatl asks"))).isEqualTo(200);
        api.await("chat.postMessage", 2, WAIT);
        api.quietFor(Duration.ofMillis(300));
      } finally {
        server.close();
        slack.close();
      }
    } finally {
      System.setErr(original);
      LogSettings.apply(new TutorConfig(Map.of()));
      reconfigure();
    }

    String text = captured.toString(StandardCharsets.UTF_8);
    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add(json.readTree(line)); // throws if a line is not JSON
      }
    }
    assertThat(lines).isNotEmpty();
    for (JsonNode line : lines) {
      assertThat(line.has("timestamp")).isTrue();
      assertThat(line.path("level").asText()).isNotEmpty();
      assertThat(line.path("loggerName").asText()).startsWith("");
      assertThat(line.has("formattedMessage")).as(line.toString()).isTrue();
      assertThat(line.has("arguments")).isFalse();
    }
    assertThat(lines).anySatisfy(line -> {
      assertThat(line.path("mdc").path("channel").asText()).isEqualTo("C0LOGS");
      assertThat(line.path("mdc").path("event_id").asText()).startsWith("EvLogs");
      assertThat(line.path("mdc").path("team").asText()).isEqualTo(FakeSlackApi.TEAM_ID);
    });
    assertThat(text).doesNotContain(SlackTestTutor.BOT_TOKEN).doesNotContain(SlackTestTutor.APP_TOKEN)
        .doesNotContain(SlackTestTutor.SIGNING_SECRET)
        .doesNotContainIgnoringCase("zanzibar").doesNotContainIgnoringCase("quetzalcoatl");
  }

  static void reconfigure() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }
}
