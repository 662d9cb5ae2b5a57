package io.lessontutor.slack.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lessontutor.Tutor;
import io.lessontutor.slack.SlackApp;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.EchoingAnswerer;
import io.lessontutor.slack.testing.FakeResponseUrls;
import io.lessontutor.slack.testing.FakeResponseUrls.Post;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private answers end to end: {@code /tutor ask}, the message shortcut and Share in channel,
 * through the real Bolt app, replies to the fake response_url server, shares to the fake Web API.
 */
class PrivateAnswersIT {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CHANNEL = "C0GENERAL";
  static final String ALICE = "UALICE";

  @TempDir Path dataDir;
  FakeSlackApi api;
  FakeResponseUrls responses;
  Tutor tutor;
  SlackApp slack;
  SlackHttpServer server;
  SignedSlackRequests slackSends;

  @BeforeEach
  void start() throws Exception {
    api = new FakeSlackApi();
    responses = new FakeResponseUrls();
    tutor = SlackTestTutor.create(SlackTestTutor.config(dataDir, api), SlackTestTutor.library(),
        new EchoingAnswerer(SlackTestTutor.library()));
    slack = SlackApp.build(tutor, List.of());
    server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    slackSends = new SignedSlackRequests(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
    slack.close();
    tutor.close();
    responses.close();
    api.close();
  }

  static String shareId(Post post) {
    return post.body().path("blocks").findValues("elements").stream()
        .flatMap(e -> java.util.stream.StreamSupport.stream(e.spliterator(), false))
        .filter(e -> PrivateAnswers.SHARE.equals(e.path("action_id").asText()))
        .map(e -> e.path("value").asText()).findFirst().orElseThrow();
  }

  void share(String id, String user, String responseName) throws Exception {
    assertThat(slackSends.interaction(SlackPayloads.blockAction(PrivateAnswers.SHARE, id, user, CHANNEL, "1.000001",
        null, responses.url(responseName), "1.2.3"))).isEqualTo(200);
  }

  @Test
  void tutor_ask_answers_only_the_asker_and_share_posts_the_same_answer_naming_who_shared_it_once() throws Exception {
    assertThat(slackSends.command(SlackPayloads.slashCommand(PrivateAnswers.COMMAND,
        "ask when does fine-tuning make sense? <!channel>", ALICE, CHANNEL, responses.url("ask")))).isEqualTo(200);
    Post privately = responses.await(1, WAIT).get(0);
    assertThat(privately.responseType()).isEqualTo("ephemeral");
    assertThat(privately.everything()).contains("The lesson says").contains("Only you can see this")
        .contains(PrivateAnswers.SHARE).contains(AnswerMessage.HELPFUL);
    assertThat(api.calls("chat.postMessage")).as("nothing public yet").isEmpty();

    share(shareId(privately), ALICE, "share");
    Call shared = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(shared.param("channel")).isEqualTo(CHANNEL);
    JsonNode blocks = shared.json("blocks");
    assertThat(blocks.get(0).toString()).contains("<@" + ALICE + "> shared the tutor's answer to");
    String answerShown = FakeResponseUrls.texts(privately.body().path("blocks")).replace("Share in channel\n", "");
    String answerShared = FakeResponseUrls.texts(blocks);
    assertThat(answerShared).contains(answerShown.substring(answerShown.indexOf("You asked: when")));
    assertThat(shared.toString()).doesNotContain("<!channel>");
    Post confirmed = responses.await(2, WAIT).get(1);
    assertThat(confirmed.text()).isEqualTo(PrivateAnswers.SHARED);
    assertThat(confirmed.body().path("replace_original").asBoolean()).isTrue();

    share(shareId(privately), "UBOB", "again");
    assertThat(responses.await(3, WAIT).get(2).text()).isEqualTo(PrivateAnswers.ALREADY_SHARED);
    api.quietFor(Duration.ofMillis(300));
    assertThat(api.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  void tutor_without_a_question_explains_itself() throws Exception {
    slackSends.command(SlackPayloads.slashCommand(PrivateAnswers.COMMAND, "", ALICE, CHANNEL, responses.url("empty")));
    assertThat(responses.await(1, WAIT).get(0).text()).isEqualTo(PrivateAnswers.USAGE);
  }

  @Test
  void the_message_shortcut_answers_privately_about_that_message_and_shares_into_its_thread() throws Exception {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "message_action").put("callback_id", PrivateAnswers.SHORTCUT).put("trigger_id", "1.2.3")
        .put("response_url", responses.url("shortcut")).put("message_ts", "500.000001").put("action_ts", "500.9");
    payload.putObject("team").put("id", FakeSlackApi.TEAM_ID).put("domain", "test");
    payload.putObject("channel").put("id", CHANNEL).put("name", "general");
    payload.putObject("user").put("id", ALICE).put("name", "alice");
    payload.putObject("message").put("type", "message").put("user", "UBOB").put("ts", "500.000001")
        .put("text", "is prompting enough for our support bot?");
    assertThat(slackSends.interaction(payload.toString())).isEqualTo(200);

    Post privately = responses.await(1, WAIT).get(0);
    assertThat(privately.responseType()).isEqualTo("ephemeral");
    assertThat(privately.everything()).contains("You asked: is prompting enough for our support bot?");
    share(shareId(privately), ALICE, "share");
    Call shared = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(shared.param("thread_ts")).isEqualTo("500.000001");
  }
}
