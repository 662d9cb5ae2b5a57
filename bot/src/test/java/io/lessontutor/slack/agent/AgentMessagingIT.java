package io.lessontutor.slack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lessontutor.Tutor;
import io.lessontutor.answer.Answer;
import io.lessontutor.answer.Question;
import io.lessontutor.answer.Source;
import io.lessontutor.answer.StreamingAnswerer;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.slack.Answering;
import io.lessontutor.slack.SlackApp;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.SignedSlackRequests;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent messaging experience end to end ({@code TUTOR_SLACK_SURFACE=agent}): signed requests
 * into the real Bolt app, the fake Web API on loopback, a streaming answerer that can be held
 * between its sentences so that the stop button lands mid-stream.
 */
class AgentMessagingIT {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final Duration QUIET = Duration.ofMillis(400);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ALICE = "UALICE";
  static final String DM = "DALICE";
  static final String FIRST = "Fine-tuning is rarely the right first move.";
  static final String SECOND = " Most teams should exhaust prompting and RAG before considering fine-tuning.";

  @TempDir Path dataDir;
  FakeSlackApi api;
  HeldAnswerer answerer;
  SlackApp slack;
  SlackHttpServer server;
  SignedSlackRequests slackSends;

  /** Streams two sentences, waiting between them until released. */
  static final class HeldAnswerer implements StreamingAnswerer {
    final LessonLibrary library;
    final CountDownLatch firstSent = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    HeldAnswerer(LessonLibrary library) {
      this.library = library;
    }

    @Override
    public Answer answer(Question question) {
      return answerStreaming(question, text -> { });
    }

    @Override
    public Answer answerStreaming(Question question, Consumer<String> onVerifiedText) {
      onVerifiedText.accept(FIRST);
      firstSent.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      onVerifiedText.accept(SECOND);
      return new Answer(question.text(), FIRST + SECOND, Answer.Kind.ANSWERED,
          List.of(Source.of(library.passages().get(0))), 1, "llm", null);
    }
  }

  @BeforeEach
  void start() throws Exception {
    api = new FakeSlackApi();
    LessonLibrary library = SlackTestTutor.library();
    answerer = new HeldAnswerer(library);
    TutorConfig config = SlackTestTutor.config(dataDir, api, Map.of(TutorConfig.SLACK_SURFACE, "agent"));
    Tutor tutor = new Tutor(config, library, (query, max) -> List.of(), answerer);
    slack = SlackApp.build(tutor, List.of());
    server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    slackSends = new SignedSlackRequests(server.port());
  }

  @AfterEach
  void stop() {
    answerer.release.countDown();
    server.close();
    slack.close();
    api.close();
  }

  void event(String body) throws Exception {
    assertThat(slackSends.event(body)).isEqualTo(200);
  }

  static String messagesTabOpened(String eventId) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "app_home_opened").put("user", ALICE).put("channel", DM).put("tab", "messages")
        .put("event_ts", "1700000000.000200");
    return SlackPayloads.eventCallback(eventId, event);
  }

  @Test
  void opening_the_messages_tab_greets_once_and_sets_the_suggested_prompts_each_time() throws Exception {
    event(messagesTabOpened("EvTab1"));
    Call prompts = api.await("assistant.threads.setSuggestedPrompts", 1, WAIT).get(0);
    assertThat(prompts.param("channel_id")).isEqualTo(DM);
    assertThat(prompts.param("thread_ts")).isNull();
    assertThat(prompts.json("prompts").findValuesAsText("message")).hasSize(3);
    Call greeting = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(greeting.param("channel")).isEqualTo(DM);
    assertThat(greeting.param("thread_ts")).isNull();
    assertThat(greeting.param("text")).isEqualTo(AgentMessages.GREETING);

    event(messagesTabOpened("EvTab2"));
    api.await("assistant.threads.setSuggestedPrompts", 2, WAIT);
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).as("greeted once").hasSize(1);
    assertThat(api.calls("views.publish")).as("the Home tab is not re-published for the Messages tab").isEmpty();
  }

  @Test
  void context_change_is_read_into_our_own_event_class_and_refreshes_the_prompts() throws Exception {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "app_context_changed").put("user", ALICE).put("channel", DM).put("event_ts", "1700000000.000300");
    var entities = event.putObject("context").putArray("entities");
    entities.addObject().put("type", "slack#/types/channel_id").put("value", "C0GENERAL").put("team_id", "T0001");
    entities.addObject().put("type", "slack#/types/message_context").putObject("value")
        .put("channel_id", "C0GENERAL").put("message_ts", "1.000001");
    event(SlackPayloads.eventCallback("EvCtx", event));

    Call prompts = api.await("assistant.threads.setSuggestedPrompts", 1, WAIT).get(0);
    assertThat(prompts.param("channel_id")).isEqualTo(DM);
    AgentMessages agent = agentMessages();
    assertThat(agent.viewedChannel(ALICE)).contains("C0GENERAL");

    ObjectNode empty = JSON.createObjectNode();
    empty.put("type", "app_context_changed").put("user", ALICE).put("channel", DM).put("event_ts", "1700000000.000400");
    empty.putObject("context");
    event(SlackPayloads.eventCallback("EvCtx2", empty));
    api.await("assistant.threads.setSuggestedPrompts", 2, WAIT);
    assertThat(agent.viewedChannel(ALICE)).isEmpty();
  }

  AgentMessages agentMessages() {
    return slack.agentMessages().orElseThrow();
  }

  @Test
  void a_question_in_the_messages_tab_is_an_agent_session_with_status_and_title_while_answering() throws Exception {
    answerer.release.countDown();
    event(SlackPayloads.message("EvAsk", DM, "im", ALICE, "2000.000001", null, "should we fine-tune first?"));

    Call stop = api.await("chat.stopStream", 1, WAIT).get(0);
    List<Call> statuses = api.await("agents.sessions.setStatus", 2, WAIT);
    assertThat(statuses.get(0).param("status")).isEqualTo(Answering.AGENT_WORKING);
    assertThat(statuses.get(0).param("channel_id")).isEqualTo(DM);
    assertThat(statuses.get(0).param("thread_ts")).isEqualTo("2000.000001");
    assertThat(statuses.get(1).param("status")).isEqualTo(Answering.AGENT_DONE);
    Call rename = api.await("agents.sessions.rename", 1, WAIT).get(0);
    assertThat(rename.param("title")).isEqualTo("should we fine-tune first?");
    assertThat(rename.param("thread_ts")).isEqualTo("2000.000001");

    Call start = api.calls("chat.startStream").get(0);
    assertThat(start.param("thread_ts")).isEqualTo("2000.000001");
    assertThat(statuses.get(0).atNanos()).isLessThan(start.atNanos());
    assertThat(stop.atNanos()).isLessThan(statuses.get(1).atNanos());
    assertThat(api.calls()).extracting(Call::method).doesNotContain("assistant.threads.setStatus", "reactions.add");

    // a reply in the session's thread goes the same way, without a second title
    event(SlackPayloads.message("EvAsk2", DM, "im", ALICE, "2000.000005", "2000.000001", "and then what?"));
    api.await("agents.sessions.setStatus", 4, WAIT);
    api.quietFor(QUIET);
    assertThat(api.calls("agents.sessions.rename")).hasSize(1);
  }

  @Test
  void the_stop_button_mid_stream_sends_nothing_more_and_finishes_the_session() throws Exception {
    event(SlackPayloads.message("EvAsk", DM, "im", ALICE, "3000.000001", null, "should we fine-tune first?"));
    assertThat(answerer.firstSent.await(10, TimeUnit.SECONDS)).isTrue();
    Call start = api.await("chat.startStream", 1, WAIT).get(0);
    String streamTs = api.reply(start).path("ts").asText();

    ObjectNode stopped = JSON.createObjectNode();
    stopped.put("type", "agent_session_stopped").put("channel", DM).put("user", ALICE)
        .put("thread_ts", "3000.000001").put("event_ts", "3000.000009");
    stopped.putArray("streaming_message_ts").add(streamTs);
    event(SlackPayloads.eventCallback("EvStop", stopped));
    api.await("chat.postMessage", c -> Answering.STOPPED_NOTE.equals(c.param("text")), 1, WAIT);
    answerer.release.countDown();
    event(SlackPayloads.eventCallback("EvStop", stopped)); // Slack's retry

    api.await("agents.sessions.setStatus", c -> Answering.AGENT_DONE.equals(c.param("status")), 2, WAIT);
    api.quietFor(QUIET);
    assertThat(api.calls("chat.appendStream")).as("nothing streamed after stop").isEmpty();
    assertThat(api.calls("chat.stopStream")).as("Slack stopped the stream itself").isEmpty();
    assertThat(api.calls("chat.update")).isEmpty();
    assertThat(api.calls("chat.postMessage")).extracting(c -> c.param("text")).containsExactly(Answering.STOPPED_NOTE);
    Call last = api.calls("agents.sessions.setStatus").get(api.calls("agents.sessions.setStatus").size() - 1);
    assertThat(last.param("status")).as("the session is not left processing").isEqualTo(Answering.AGENT_DONE);
  }

  @Test
  void the_assistant_panel_surface_stays_the_default() throws Exception {
    stop();
    api = new FakeSlackApi();
    LessonLibrary library = SlackTestTutor.library();
    answerer = new HeldAnswerer(library);
    answerer.release.countDown();
    Tutor tutor = new Tutor(SlackTestTutor.config(dataDir, api), library, (query, max) -> List.of(), answerer);
    slack = SlackApp.build(tutor, List.of());
    server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    slackSends = new SignedSlackRequests(server.port());

    event(SlackPayloads.message("EvAsk", DM, "im", ALICE, "4000.000002", "4000.000001", "should we fine-tune first?"));
    api.await("assistant.threads.setStatus", 2, WAIT);
    api.quietFor(QUIET);
    assertThat(api.calls("agents.sessions.setStatus")).isEmpty();
    assertThat(slack.agentMessages()).isEmpty();
  }

  @Test
  void an_unknown_surface_stops_start_up_naming_the_variable() {
    Tutor tutor = new Tutor(SlackTestTutor.config(dataDir, api, Map.of(TutorConfig.SLACK_SURFACE, "panel")),
        SlackTestTutor.library(), (query, max) -> List.of(), answerer);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SlackApp.build(tutor, List.of()))
        .hasMessageContaining(TutorConfig.SLACK_SURFACE).hasMessageContaining("agent");
  }
}
