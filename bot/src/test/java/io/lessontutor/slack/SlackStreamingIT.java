package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lessontutor.Tutor;
import io.lessontutor.answer.FakeModelServer;
import io.lessontutor.answer.FakeModelServer.Script;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.SignedSlackRequests;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackTestTutor;
import io.lessontutor.slack.views.AnswerMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Language-model answers streamed into Slack, end to end: the real tutor ({@code Tutor.start}
 * with {@code TUTOR_LLM=openai}) calls langchain4j's real OpenAI client against the fake model
 * server on loopback, and the real Bolt app, reached by signed HTTP requests, streams what passed
 * the grounding check into the fake Web API.
 */
class SlackStreamingIT {

  static final Duration WAIT = Duration.ofSeconds(15);
  static final Duration QUIET = Duration.ofMillis(400);
  static final String CHANNEL = "C0GENERAL";
  static final String ALICE = "UALICE";
  static final String QUESTION = "<@" + FakeSlackApi.BOT_USER_ID + "> should we fine-tune first?";
  static final String GROUNDED = "Fine-tuning is rarely the right first move. "
      + "Most teams should exhaust prompting and RAG before considering fine-tuning.";
  /** The lesson's premise: what the extractive answer to QUESTION says. */
  static final String PREMISE = "Fine-tuning is rarely the right first move";

  @TempDir static Path dataDir;

  static FakeSlackApi api;
  static FakeModelServer model;
  static Tutor tutor;

  SlackApp slack;
  SlackHttpServer server;
  SignedSlackRequests slackSends;

  @BeforeAll
  static void startTutor() throws Exception {
    api = new FakeSlackApi();
    model = new FakeModelServer();
    tutor = Tutor.start(SlackTestTutor.config(dataDir, api).with(Map.of(
        TutorConfig.LLM, "openai",
        TutorConfig.OPENAI_BASE_URL, model.v1Url(),
        TutorConfig.LLM_TIMEOUT, "10s")));
  }

  @AfterAll
  static void stopTutor() {
    model.close();
    api.close();
  }

  /** A new app per test: what it learnt about the workspace's streaming starts afresh. */
  @BeforeEach
  void startApp() throws Exception {
    api.clear();
    api.streaming(true);
    startApp(tutor);
  }

  void startApp(Tutor tutor) throws Exception {
    slack = SlackApp.build(tutor, List.of());
    server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    slackSends = new SignedSlackRequests(server.port());
  }

  @AfterEach
  void stopApp() {
    server.close();
    slack.close();
  }

  void mention(String eventId, String ts) throws Exception {
    assertThat(slackSends.event(SlackPayloads.appMention(eventId, CHANNEL, ALICE, ts, null, QUESTION))).isEqualTo(200);
  }

  static void assertAnswerFooter(JsonNode blocks) {
    JsonNode context = blocks.get(blocks.size() - 2);
    assertThat(context.path("type").asText()).isEqualTo("context");
    assertThat(context.toString()).contains("When to Fine-Tune vs When to Just Prompt").contains(" › The premise");
    assertThat(blocks.get(blocks.size() - 1).path("elements").findValuesAsText("action_id"))
        .containsExactly(AnswerMessage.HELPFUL, AnswerMessage.NOT_HELPFUL, AnswerMessage.SHOW_PASSAGE);
  }

  /** Every text the tutor sent to Slack, whatever the method. */
  static String everythingSent() {
    return String.join("\n", api.everyParameterValue());
  }

  @Test
  void grounded_answer_streams_its_verified_sentences_and_ends_with_the_answer_blocks() throws Exception {
    model.script(Script.reply(GROUNDED));
    mention("EvStream1", "500.000001");

    Call stop = api.await("chat.stopStream", 1, WAIT).get(0);
    Call start = api.calls("chat.startStream").get(0);
    List<Call> appends = api.calls("chat.appendStream");
    assertThat(start.param("channel")).isEqualTo(CHANNEL);
    assertThat(start.param("thread_ts")).isEqualTo("500.000001");
    assertThat(start.param("recipient_user_id")).isEqualTo(ALICE);
    assertThat(start.param("recipient_team_id")).isEqualTo(FakeSlackApi.TEAM_ID);
    assertThat(start.param("markdown_text")).isEqualTo("Fine-tuning is rarely the right first move.");
    assertThat(appends).extracting(c -> c.param("markdown_text"))
        .containsExactly(" Most teams should exhaust prompting and RAG before considering fine-tuning.");
    assertThat(stop.param("ts")).isNotBlank();
    assertThat(appends.get(0).param("ts")).isEqualTo(stop.param("ts"));
    assertThat(start.atNanos()).isLessThan(appends.get(0).atNanos());
    assertThat(appends.get(0).atNanos()).isLessThan(stop.atNanos());
    assertAnswerFooter(stop.json("blocks"));

    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).isEmpty();
    assertThat(api.calls("chat.update")).isEmpty();
    assertThat(api.await("reactions.remove", 1, WAIT).get(0).atNanos()).isGreaterThan(stop.atNanos());
  }

  @Test
  void answer_failing_the_check_after_streaming_began_is_replaced_by_the_extractive_answer() throws Exception {
    model.script(Script.reply("Fine-tuning is rarely the right first move. "
        + "OpenAI recommends spending $5,000 on prompt engineering before any fine-tuning."));
    mention("EvStream2", "510.000001");

    Call update = api.await("chat.update", 1, WAIT).get(0);
    Call start = api.calls("chat.startStream").get(0);
    assertThat(start.param("markdown_text")).isEqualTo("Fine-tuning is rarely the right first move.");
    List<Call> stops = api.calls("chat.stopStream");
    assertThat(stops).hasSize(1);
    assertThat(stops.get(0).param("blocks")).isNull();
    assertThat(update.param("ts")).isEqualTo(stops.get(0).param("ts"));
    assertThat(update.param("text")).contains(PREMISE);
    assertThat(update.json("blocks").get(0).toString()).contains(PREMISE);
    assertAnswerFooter(update.json("blocks"));
    assertThat(stops.get(0).atNanos()).isLessThan(update.atNanos());

    api.quietFor(QUIET);
    assertThat(everythingSent()).doesNotContain("OpenAI").doesNotContain("5,000");
    assertThat(api.calls("chat.postMessage")).isEmpty();
  }

  @Test
  void answer_failing_the_check_at_its_first_sentence_never_starts_a_stream() throws Exception {
    model.script(Script.reply("Start with fine-tuning on GPT-4 because OpenAI says so."));
    mention("EvStream3", "520.000001");

    Call post = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(post.param("thread_ts")).isEqualTo("520.000001");
    assertThat(post.param("text")).contains(PREMISE);
    assertAnswerFooter(post.json("blocks"));

    api.quietFor(QUIET);
    assertThat(everythingSent()).doesNotContain("GPT-4").doesNotContain("OpenAI");
    assertThat(api.calls("chat.startStream")).isEmpty();
    assertThat(api.calls("chat.stopStream")).isEmpty();
  }

  @Test
  void workspace_without_streaming_gets_one_message_and_is_not_asked_to_stream_again() throws Exception {
    api.streaming(false);
    model.script(Script.reply(GROUNDED), Script.reply(GROUNDED));

    mention("EvStream4", "530.000001");
    Call first = api.await("chat.postMessage", 1, WAIT).get(0);
    mention("EvStream5", "531.000001");
    Call second = api.await("chat.postMessage", 2, WAIT).get(1);

    assertThat(first.param("text")).isEqualTo(GROUNDED);
    assertThat(first.param("thread_ts")).isEqualTo("530.000001");
    assertAnswerFooter(first.json("blocks"));
    assertThat(second.param("thread_ts")).isEqualTo("531.000001");
    api.quietFor(QUIET);
    assertThat(api.calls("chat.startStream")).hasSize(1);
    assertThat(api.calls("chat.appendStream")).isEmpty();
    assertThat(api.calls("chat.stopStream")).isEmpty();
  }

  @Test
  void extractive_tutor_never_calls_the_stream_methods() throws Exception {
    stopApp();
    int modelRequests = model.requests().size();
    Tutor extractiveOnly = Tutor.start(SlackTestTutor.config(dataDir, api).with(Map.of(TutorConfig.LLM, "none")));
    startApp(extractiveOnly);

    mention("EvStream6", "540.000001");
    Call post = api.await("chat.postMessage", 1, WAIT).get(0);

    assertThat(post.param("text")).contains(PREMISE);
    assertAnswerFooter(post.json("blocks"));
    api.quietFor(QUIET);
    assertThat(api.calls().stream().map(Call::method)).noneMatch(m -> m.contains("Stream"));
    assertThat(model.requests()).hasSize(modelRequests);
  }
}
