package io.lessontutor.slack.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.lessontutor.Tutor;
import io.lessontutor.checklist.AnswerValue;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.slack.SlackApp;
import io.lessontutor.slack.SlackFeatures;
import io.lessontutor.slack.testing.FakeResponseUrls;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.FakeSocketModeServer;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /should-we-finetune in Socket Mode: envelopes over a WebSocket on loopback, acked by envelope_id. */
class ChecklistSocketModeIT {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final String CHANNEL = "C0TEAM";
  static final String ALICE = "UALICE";

  @TempDir Path dataDir;

  FakeSlackApi api;
  FakeResponseUrls responseUrls;
  FakeSocketModeServer socket;
  Tutor tutor;
  SlackApp slack;
  SocketModeApp socketMode;

  @BeforeEach
  void connect() throws Exception {
    api = new FakeSlackApi();
    responseUrls = new FakeResponseUrls();
    socket = new FakeSocketModeServer().startListening();
    api.socketModeUrl(socket.url());
    tutor = SlackTestTutor.real(SlackTestTutor.config(dataDir, api).with(Map.of(TutorConfig.RETRIEVAL, "bm25")));
    slack = SlackApp.build(tutor, SlackFeatures.all(tutor));
    socketMode = new SocketModeApp(SlackTestTutor.APP_TOKEN, slack.app(), SocketModeClient.Backend.JavaWebSocket);
    socketMode.startAsync();
    socket.awaitConnection(WAIT);
  }

  @AfterEach
  void disconnect() throws Exception {
    socketMode.close();
    slack.close();
    socket.stop(1000);
    responseUrls.close();
    api.close();
  }

  @Test
  void command_envelope_opens_the_modal_and_its_submission_posts_the_card() throws Exception {
    String command = socket.send("slash_commands", ChecklistPayloads.slashCommandJson(CHANNEL, ALICE,
        "we haven't tried RAG yet", "trigger-socket", responseUrls.url("socket")), 0);
    socket.awaitAck(command, WAIT);
    Call open = api.await("views.open", 1, WAIT).get(0);
    assertThat(open.param("trigger_id")).isEqualTo("trigger-socket");
    JsonNode modal = open.json("view");
    assertThat(ChecklistSlackIT.initialAnswers(modal)).containsEntry("rag-tried", "no");

    String submission = socket.send("interactive", ChecklistPayloads.submission(modal, ALICE,
        Map.of("use-case-sound", AnswerValue.NO), false), 0);
    socket.awaitAck(submission, WAIT);
    Call card = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(card.param("channel")).isEqualTo(CHANNEL);
    assertThat(FakeResponseUrls.texts(card.json("blocks")))
        .contains(tutor.checklistService().checklist().verdict("fix-use-case").orElseThrow().headline())
        .contains("<@" + ALICE + ">");
  }

  @Test
  void help_comes_back_in_the_ack_as_a_private_reply() throws Exception {
    String id = socket.send("slash_commands", ChecklistPayloads.slashCommandJson(CHANNEL, ALICE, "help",
        "trigger-help", responseUrls.url("help")), 0);
    JsonNode ack = socket.awaitAck(id, WAIT).message();
    assertThat(ack.path("payload").path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(ack.path("payload").path("text").asText()).contains(tutor.checklistService().precedence().get(0));
  }
}
