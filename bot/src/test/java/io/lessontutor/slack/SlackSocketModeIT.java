package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.slack.testing.EchoingAnswerer;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.FakeSocketModeServer;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackTestTutor;
import io.lessontutor.slack.views.AnswerMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slack app end to end in Socket Mode: the tutor opens its connection through the fake
 * {@code apps.connections.open} (so {@code SLACK_API_URL} reaches it), receives Slack's envelopes
 * over a WebSocket on loopback and acks each by envelope_id.
 */
class SlackSocketModeIT {

  Tutor tutor;

  static final Duration WAIT = Duration.ofSeconds(10);
  static final String CHANNEL = "C0GENERAL";
  static final String ALICE = "UALICE";

  @TempDir Path dataDir;

  FakeSlackApi api;
  FakeSocketModeServer socket;
  LessonLibrary library = SlackTestTutor.library();
  EchoingAnswerer answerer = new EchoingAnswerer(library);
  SlackApp slack;
  SocketModeApp socketMode;

  @BeforeEach
  void connect() throws Exception {
    api = new FakeSlackApi();
    socket = new FakeSocketModeServer().startListening();
    api.socketModeUrl(socket.url());
    TutorConfig config = SlackTestTutor.config(dataDir, api);
    tutor = SlackTestTutor.create(config, library, answerer);
    slack = SlackApp.build(tutor, List.of());
    socketMode = new SocketModeApp(SlackTestTutor.APP_TOKEN, slack.app(), SocketModeClient.Backend.JavaWebSocket);
    socketMode.startAsync();
    socket.awaitConnection(WAIT);
  }

  @AfterEach
  void disconnect() throws Exception {
    socketMode.close();
    slack.close();
    socket.stop(1000);
    api.close();
  }

  @Test
  void connection_is_opened_through_the_configured_web_api_with_the_app_token() {
    Call open = api.await("apps.connections.open", 1, WAIT).get(0);
    assertThat(open.authorization()).isEqualTo("Bearer " + SlackTestTutor.APP_TOKEN);
  }

  @Test
  void mention_envelope_is_acked_and_answered_in_its_thread() throws Exception {
    String id = socket.send("events_api", SlackPayloads.appMention("Ev1", CHANNEL, ALICE, "100.000001", null,
        "<@" + FakeSlackApi.BOT_USER_ID + "> What is LoRA? <!here>"), 0);

    assertThat(socket.awaitAck(id, WAIT).message().path("envelope_id").asText()).isEqualTo(id);
    Call post = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(post.param("thread_ts")).isEqualTo("100.000001");
    assertThat(post.param("text")).contains("LoRA").doesNotContain("<!here>").doesNotContainPattern("@here");
    assertThat(post.json("blocks").toString()).contains(AnswerMessage.SHOW_PASSAGE);
    api.await("reactions.remove", 1, WAIT);
  }

  @Test
  void retried_envelope_is_acked_but_answered_once() throws Exception {
    String mention = SlackPayloads.appMention("EvRetry", CHANNEL, ALICE, "100.000001", null, "What is LoRA?");
    String first = socket.send("events_api", mention, 0);
    api.await("chat.postMessage", 1, WAIT);
    String retry = socket.send("events_api", mention, 1);

    socket.awaitAck(first, WAIT);
    socket.awaitAck(retry, WAIT);
    api.quietFor(Duration.ofMillis(400));
    assertThat(api.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  void message_arriving_as_mention_and_as_message_is_answered_once() throws Exception {
    String text = "<@" + FakeSlackApi.BOT_USER_ID + "> Should we try RAG first?";
    socket.send("events_api", SlackPayloads.appMention("EvA", CHANNEL, ALICE, "100.000009", null, text), 0);
    socket.send("events_api", SlackPayloads.message("EvB", CHANNEL, "channel", ALICE, "100.000009", null, text), 0);
    api.await("chat.postMessage", 1, WAIT);
    api.quietFor(Duration.ofMillis(400));
    assertThat(api.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  void button_tap_is_acked_stored_and_thanked_privately() throws Exception {
    String id = socket.send("interactive", SlackPayloads.blockAction(AnswerMessage.HELPFUL,
        library.passages().get(0).id(), ALICE, CHANNEL, "100.000002", "100.000001"), 0);

    socket.awaitAck(id, WAIT);
    Call thanks = api.await("chat.postEphemeral", 1, WAIT).get(0);
    assertThat(thanks.param("user")).isEqualTo(ALICE);
    assertThat(tutor.feedback().votes(CHANNEL, "100.000002")).singleElement()
        .satisfies(v -> assertThat(v.helpful()).isTrue());
  }

  @Test
  void app_home_is_published_when_opened() throws Exception {
    String id = socket.send("events_api", SlackPayloads.appHomeOpened("EvHome", ALICE), 0);
    socket.awaitAck(id, WAIT);
    assertThat(api.await("views.publish", 1, WAIT).get(0).json("view").toString())
        .contains(SlackTestTutor.library().lessons().get(0).suggestedQuestions().get(1));
  }

  @Test
  void ignored_message_is_still_acked_so_slack_does_not_retry_it() throws Exception {
    var edit = SlackPayloads.messageEvent("DALICE", "im", ALICE, "400.000003", null, "edited");
    edit.put("subtype", "message_changed");
    String id = socket.send("events_api", SlackPayloads.eventCallback("EvEdit", edit), 0);
    socket.awaitAck(id, WAIT);
    api.quietFor(Duration.ofMillis(300));
    assertThat(api.calls("chat.postMessage")).isEmpty();
  }
}
