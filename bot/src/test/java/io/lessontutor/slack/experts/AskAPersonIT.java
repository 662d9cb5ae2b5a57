package io.lessontutor.slack.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.slack.SlackApp;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.EchoingAnswerer;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Ask a person" end to end: declines and 👎 answers through the real Bolt app, to an expert channel or people. */
class AskAPersonIT {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final String CHANNEL = "C0GENERAL";
  static final String ALICE = "UALICE";

  @TempDir Path dataDir;
  FakeSlackApi api;
  Tutor tutor;
  SlackApp slack;
  SlackHttpServer server;
  SignedSlackRequests slackSends;

  void start(String experts) throws Exception {
    api = new FakeSlackApi();
    TutorConfig config = SlackTestTutor.config(dataDir, api, experts == null ? Map.of() : Map.of(TutorConfig.EXPERTS, experts));
    tutor = SlackTestTutor.create(config, SlackTestTutor.library(), new EchoingAnswerer(SlackTestTutor.library()));
    slack = SlackApp.build(tutor, List.of());
    server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    slackSends = new SignedSlackRequests(server.port());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
      slack.close();
    }
    if (api != null) {
      api.close();
    }
  }

  Call mention(String eventId, String ts, String question) throws Exception {
    slackSends.event(SlackPayloads.appMention(eventId, CHANNEL, ALICE, ts, null, "<@" + FakeSlackApi.BOT_USER_ID + "> " + question));
    return api.await("chat.postMessage", c -> ts.equals(c.param("thread_ts")), 1, WAIT).get(0);
  }

  static String buttonValue(JsonNode blocks, String actionId) {
    return blocks.findParents("action_id").stream().filter(b -> actionId.equals(b.path("action_id").asText()))
        .map(b -> b.path("value").asText()).findFirst().orElse(null);
  }

  int taps;

  /** A tap as Slack sends it: each with its own trigger id, so that two taps are two requests, not a replay. */
  void tap(String actionId, String value, String messageTs, String threadTs) throws Exception {
    assertThat(slackSends.interaction(SlackPayloads.blockAction(actionId, value, ALICE, CHANNEL, messageTs, threadTs,
        null, "trigger." + (++taps)))).isEqualTo(200);
  }

  @Test
  void a_decline_offers_ask_a_person_which_posts_the_question_with_a_link_to_the_expert_channel_once() throws Exception {
    start("CEXPERTS");
    Call decline = mention("EvWeather", "100.000001", "what about the weather <!here>?");
    String value = buttonValue(decline.json("blocks"), AnswerMessage.ASK_PERSON);
    assertThat(value).isNotNull().contains("what about the weather");
    String declineTs = api.reply(decline).path("ts").asText();

    tap(AnswerMessage.ASK_PERSON, value, declineTs, "100.000001");
    Call toExperts = api.await("chat.postMessage", c -> "CEXPERTS".equals(c.param("channel")), 1, WAIT).get(0);
    String posted = toExperts.json("blocks").toString();
    assertThat(posted).contains("<@" + ALICE + ">").contains("what about the weather")
        .contains("Open the conversation").contains("https://");
    assertThat(toExperts.toString()).doesNotContain("<!here>");
    assertThat(api.await("chat.getPermalink", 1, WAIT).get(0).param("message_ts")).isEqualTo(declineTs);
    Call told = api.await("chat.postEphemeral", 1, WAIT).get(0);
    assertThat(told.param("user")).isEqualTo(ALICE);
    assertThat(told.param("thread_ts")).isEqualTo("100.000001");
    assertThat(told.json("blocks").toString()).contains("<#CEXPERTS>");

    tap(AnswerMessage.ASK_PERSON, value, declineTs, "100.000001");
    assertThat(api.await("chat.postEphemeral", 2, WAIT).get(1).param("text")).isEqualTo(AskAPerson.ALREADY_ASKED);
    api.quietFor(Duration.ofMillis(300));
    assertThat(api.calls("chat.postMessage").stream().filter(c -> "CEXPERTS".equals(c.param("channel")))).hasSize(1);
  }

  @Test
  void a_thumbs_down_answer_offers_ask_a_person_which_messages_each_expert() throws Exception {
    start("UEXPERT1, UEXPERT2");
    Call answer = mention("EvCovered", "200.000001", "when does fine-tuning make sense?");
    assertThat(buttonValue(answer.json("blocks"), AnswerMessage.ASK_PERSON)).as("an answer has no Ask a person").isNull();
    String answerTs = api.reply(answer).path("ts").asText();

    tap(AnswerMessage.NOT_HELPFUL, "-", answerTs, "200.000001");
    Call thanks = api.await("chat.postEphemeral", 1, WAIT).get(0);
    String value = buttonValue(thanks.json("blocks"), AnswerMessage.ASK_PERSON);
    assertThat(value).isEqualTo(answerTs + "\nwhen does fine-tuning make sense?");

    tap(AnswerMessage.ASK_PERSON, value, "ephemeral.1", "200.000001");
    assertThat(api.await("conversations.open", 2, WAIT)).extracting(c -> c.param("users"))
        .containsExactlyInAnyOrder("UEXPERT1", "UEXPERT2");
    List<Call> dms = api.await("chat.postMessage", c -> c.param("channel").startsWith("DUEXPERT"), 2, WAIT);
    assertThat(dms).allSatisfy(c -> assertThat(c.json("blocks").toString()).contains("when does fine-tuning make sense?"));
    assertThat(api.await("chat.getPermalink", 1, WAIT).get(0).param("message_ts")).isEqualTo(answerTs);
    Call told = api.await("chat.postEphemeral", 2, WAIT).get(1);
    assertThat(told.json("blocks").toString()).contains("<@UEXPERT1>").contains("<@UEXPERT2>");
  }

  @Test
  void without_experts_a_decline_has_no_ask_a_person_and_a_bad_value_stops_start_up() throws Exception {
    start(null);
    Call decline = mention("EvWeather", "300.000001", "what about the weather?");
    assertThat(buttonValue(decline.json("blocks"), AnswerMessage.ASK_PERSON)).isNull();
    Tutor bad = SlackTestTutor.create(SlackTestTutor.config(dataDir, api, Map.of(TutorConfig.EXPERTS, "#experts")),
        SlackTestTutor.library(), new EchoingAnswerer(SlackTestTutor.library()));
    assertThatThrownBy(() -> SlackApp.build(bad, List.of())).hasMessageContaining(TutorConfig.EXPERTS)
        .hasMessageContaining("C0123ABCD");
  }
}
