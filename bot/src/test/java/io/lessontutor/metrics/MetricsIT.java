package io.lessontutor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lessontutor.Tutor;
import io.lessontutor.slack.SlackApp;
import io.lessontutor.slack.SlackFeatures;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.views.AnswerMessage;
import io.lessontutor.store.GapStore;
import io.lessontutor.slack.quiz.SlackQuiz;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.FakeSlackApi.Reply;
import io.lessontutor.slack.testing.SignedSlackRequests;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} after a scripted session: the real tutor (index, extractive answerer, quiz)
 * behind the real Bolt app in HTTP mode, Slack's requests signed, the Web API a fake on loopback.
 */
class MetricsIT {

  static final Duration WAIT = Duration.ofSeconds(15);
  static final String CHANNEL = "C0GENERAL";

  @TempDir Path dataDir;

  FakeSlackApi api;
  Tutor tutor;
  SlackApp slack;
  SlackHttpServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    server.close();
    slack.close();
    tutor.close();
    api.close();
  }

  @Test
  void metrics_after_a_scripted_session_count_each_outcome_call_retry_duplicate_and_tap() throws Exception {
    api = new FakeSlackApi();
    tutor = SlackTestTutor.real(SlackTestTutor.config(dataDir, api, Map.of("TUTOR_QUIZ_SECONDS", "60")));
    slack = SlackApp.build(tutor, SlackFeatures.all(tutor));
    server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        slack.health(), tutor.metrics());
    SignedSlackRequests slackSends = new SignedSlackRequests(server.port());

    // the first post is rate-limited once, then goes through
    api.enqueue("chat.postMessage", Reply.rateLimited(0));
    String covered = SlackPayloads.appMention("EvCovered", CHANNEL, "UALICE", "800.000001", null,
        "<@" + FakeSlackApi.BOT_USER_ID + "> should we fine-tune first?");
    assertThat(slackSends.event(covered)).isEqualTo(200);
    api.await("chat.postMessage", 2, WAIT);
    // Slack delivers the same event again: acked, not answered twice
    assertThat(slackSends.event(covered)).isEqualTo(200);
    assertThat(slackSends.event(SlackPayloads.appMention("EvWeather", CHANNEL, "UBOB", "800.000002", null,
        "<@" + FakeSlackApi.BOT_USER_ID + "> what's the weather in Berlin?"))).isEqualTo(200);
    assertThat(slackSends.event(SlackPayloads.appMention("EvThanks", CHANNEL, "UBOB", "800.000003", null,
        "<@" + FakeSlackApi.BOT_USER_ID + "> thanks!"))).isEqualTo(200);
    api.await("chat.postMessage", 4, WAIT);

    // a thumbs-down on the covered answer
    Call answer = api.calls("chat.postMessage").stream()
        .filter(c -> "800.000001".equals(c.param("thread_ts")) && c.param("blocks") != null)
        .reduce((first, second) -> second).orElseThrow(); // the post that went through, after the 429
    JsonNode down = button(answer.json("blocks"), AnswerMessage.NOT_HELPFUL);
    assertThat(slackSends.interaction(SlackPayloads.blockAction(AnswerMessage.NOT_HELPFUL, down.path("value").asText(),
        "UBOB", CHANNEL, api.reply(answer).path("ts").asText(), "800.000001"))).isEqualTo(200);
    api.await("chat.postEphemeral", 1, WAIT);

    // a quiz round started by slash command, one tap on its first question
    postForm(SlackPayloads.slashCommand(SlackQuiz.COMMAND, "1", "UALICE", CHANNEL, api.url() + "respond/1"));
    Call question = api.await("chat.postMessage", c -> c.param("blocks") != null
        && c.param("blocks").contains("tutor_quiz_answer_"), 1, WAIT).get(0);
    JsonNode button = firstQuizButton(question.json("blocks"));
    String ts = api.reply(question).path("ts").asText();
    assertThat(slackSends.interaction(SlackPayloads.blockAction(button.path("action_id").asText(),
        button.path("value").asText(), "UBOB", CHANNEL, ts, null))).isEqualTo(200);
    api.await("chat.postEphemeral", 2, WAIT);
    api.quietFor(Duration.ofMillis(300));

    HttpResponse<String> scrape = get("/metrics");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
    String text = scrape.body();

    assertThat(value(text, "tutor_questions_total", "outcome=\"answered\"")).isEqualTo(1);
    assertThat(value(text, "tutor_questions_total", "outcome=\"declined\"")).isEqualTo(1);
    assertThat(value(text, "tutor_questions_total", "outcome=\"small_talk\"")).isEqualTo(1);
    assertThat(value(text, "tutor_answer_seconds_count", "answerer=\"extractive\"")).isEqualTo(3);
    assertThat(text).contains("tutor_answer_seconds_bucket{answerer=\"extractive\"");
    assertThat(value(text, "tutor_slack_duplicates_total", "kind=\"event\"")).isEqualTo(1);
    assertThat(value(text, "tutor_slack_rate_limited_total", "method=\"chat.postMessage\"")).isEqualTo(1);
    assertThat(value(text, "tutor_slack_retries_total", "method=\"chat.postMessage\"")).isEqualTo(1);
    assertThat(value(text, "tutor_slack_calls_total", "method=\"chat.postMessage\"")).isGreaterThanOrEqualTo(4);
    assertThat(value(text, "tutor_quiz_rounds_total", "event=\"started\"")).isEqualTo(1);
    assertThat(value(text, "tutor_quiz_taps_total", "result=")).isEqualTo(1);
    assertThat(value(text, "tutor_index_passages", "")).isEqualTo(tutor.library().passages().size());
    assertThat(value(text, "tutor_index_build_seconds", "")).isGreaterThan(0);
    assertThat(text).contains("jvm_memory_used_bytes").contains("process_cpu_usage").contains("jvm_threads_live_threads");
    // a question's words never become a label
    assertThat(text).doesNotContain("Berlin").doesNotContain("weather");

    // and the gap report keeps the declined question and the thumbs-down with its question
    GapStore gaps = new GapStore(tutor.database());
    assertThat(gaps.gaps(GapStore.DECLINED, 0)).extracting(GapStore.Gap::question)
        .containsExactly("what's the weather in Berlin?");
    assertThat(gaps.gaps(GapStore.UNHELPFUL, 0)).singleElement()
        .satisfies(g -> assertThat(g.question()).isEqualTo("should we fine-tune first?"))
        .satisfies(g -> assertThat(g.passageId()).isEqualTo(down.path("value").asText()));
  }

  static JsonNode button(JsonNode blocks, String actionId) {
    for (JsonNode block : blocks) {
      for (JsonNode element : block.path("elements")) {
        if (element.path("action_id").asText().equals(actionId)) {
          return element;
        }
      }
    }
    throw new AssertionError("no " + actionId + " in " + blocks);
  }

  static JsonNode firstQuizButton(JsonNode blocks) {
    for (JsonNode block : blocks) {
      for (JsonNode element : block.path("elements")) {
        if (element.path("action_id").asText().startsWith("tutor_quiz_answer_")) {
          return element;
        }
      }
    }
    throw new AssertionError("no quiz button in " + blocks);
  }

  /** The sum of every series of the metric whose labels contain {@code labels}. */
  static double value(String scrape, String metric, String labels) {
    Pattern line = Pattern.compile("^" + Pattern.quote(metric) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(scrape);
    double sum = 0;
    boolean found = false;
    while (m.find()) {
      if (m.group(1) == null ? labels.isEmpty() : m.group(1).contains(labels)) {
        sum += Double.parseDouble(m.group(2));
        found = true;
      }
    }
    assertThat(found).as(metric + " {" + labels + "} in\n" + scrape).isTrue();
    return sum;
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  void postForm(String body) throws Exception {
    SignedSlackRequests signed = new SignedSlackRequests(server.port());
    assertThat(signed.command(body)).isEqualTo(200);
  }
}
