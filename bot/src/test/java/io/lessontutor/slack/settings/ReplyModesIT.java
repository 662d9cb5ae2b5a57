package io.lessontutor.slack.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.slack.SlackApp;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.EchoingAnswerer;
import io.lessontutor.slack.testing.FakeResponseUrls;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.SignedSlackRequests;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackTestTutor;
import io.lessontutor.store.ChannelSettingsStore.ChannelSettings;
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
 * Per-channel reply modes end to end: {@code /tutor-settings} through the real Bolt app, stored
 * in the SQLite file, then channel messages delivered as Slack delivers them.
 */
class ReplyModesIT {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final Duration QUIET = Duration.ofMillis(500);
  static final String CHANNEL = "C0GENERAL";
  static final String ALICE = "UALICE";
  static final String BOB = "UBOB";

  @TempDir Path dataDir;
  FakeSlackApi api;
  FakeResponseUrls responses;
  EchoingAnswerer answerer;
  Tutor tutor;
  SlackApp slack;
  SlackHttpServer server;
  SignedSlackRequests slackSends;

  @BeforeEach
  void start() throws Exception {
    api = new FakeSlackApi();
    responses = new FakeResponseUrls();
    startApp();
  }

  void startApp() throws Exception {
    TutorConfig config = SlackTestTutor.config(dataDir, api);
    answerer = new EchoingAnswerer(SlackTestTutor.library());
    tutor = SlackTestTutor.create(config, SlackTestTutor.library(), answerer);
    slack = SlackApp.build(tutor, List.of());
    server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    slackSends = new SignedSlackRequests(server.port());
  }

  void stopApp() {
    server.close();
    slack.close();
    tutor.close();
  }

  @AfterEach
  void stop() {
    stopApp();
    responses.close();
    api.close();
  }

  void settings(String text, String name) throws Exception {
    assertThat(slackSends.command(SlackPayloads.slashCommand(ReplySettings.COMMAND, text, ALICE, CHANNEL,
        responses.url(name)))).isEqualTo(200);
  }

  void channelMessage(String eventId, String ts, String threadTs, String text) throws Exception {
    assertThat(slackSends.event(SlackPayloads.message(eventId, CHANNEL, "channel", BOB, ts, threadTs, text)))
        .isEqualTo(200);
  }

  @Test
  void a_covered_question_in_an_answer_all_channel_is_answered_and_an_uncovered_one_gets_nothing() throws Exception {
    settings("answer-all", "set");
    assertThat(responses.await(1, WAIT).get(0).text()).contains("Done.").contains("every question");
    Call announced = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(announced.param("channel")).isEqualTo(CHANNEL);
    assertThat(announced.json("blocks").toString()).contains("<@" + ALICE + ">");
    assertThat(tutor.channelSettings().settings(CHANNEL)).isEqualTo(new ChannelSettings(true, false));
    api.clear();

    channelMessage("EvCovered", "100.000001", null, "when does fine-tuning make sense?");
    Call answer = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(answer.param("channel")).isEqualTo(CHANNEL);
    assertThat(answer.param("thread_ts")).isEqualTo("100.000001");
    assertThat(answer.param("text")).contains("The lesson says");

    channelMessage("EvUncovered", "100.000002", null, "anyone know the weather in Lisbon?");
    api.quietFor(QUIET);
    assertThat(answerer.questions()).extracting(q -> q.text()).contains("anyone know the weather in Lisbon?");
    assertThat(api.calls("chat.postMessage")).as("no refusal in the channel").hasSize(1);
    assertThat(api.calls("chat.postEphemeral")).isEmpty();
    assertThat(api.calls("reactions.add")).as("not even a working sign").isEmpty();

    // the tutor's thread now needs no mention (threads-free is the default)
    channelMessage("EvFollow", "100.000003", "100.000001", "and for style?");
    assertThat(api.await("chat.postMessage", 2, WAIT).get(1).param("thread_ts")).isEqualTo("100.000001");
  }

  @Test
  void a_mention_only_channel_ignores_unaddressed_messages_and_the_setting_survives_a_restart() throws Exception {
    channelMessage("EvDefault", "200.000001", null, "when does fine-tuning make sense?");
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).isEmpty();
    assertThat(answerer.questions()).isEmpty();

    settings("answer-all threads-need-mention", "set");
    responses.await(1, WAIT);
    stopApp();
    startApp();
    api.clear();

    channelMessage("EvAfterRestart", "210.000001", null, "when does fine-tuning make sense?");
    Call answer = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(answer.param("thread_ts")).isEqualTo("210.000001");
    channelMessage("EvThreadNoMention", "210.000002", "210.000001", "and for style?");
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).as("threads need a mention here").hasSize(1);

    settings("mention-only threads-free", "back");
    responses.await(2, WAIT);
    assertThat(tutor.channelSettings().settings(CHANNEL)).isEqualTo(ChannelSettings.DEFAULT);
  }

  @Test
  void a_mention_in_an_answer_all_channel_is_answered_once_and_still_declines_out_loud() throws Exception {
    settings("answer-all", "set");
    responses.await(1, WAIT);
    api.await("chat.postMessage", 1, WAIT);
    api.clear();
    String text = "<@" + FakeSlackApi.BOT_USER_ID + "> what about the weather?";
    assertThat(slackSends.event(SlackPayloads.appMention("EvMention", CHANNEL, BOB, "300.000001", null, text))).isEqualTo(200);
    channelMessage("EvMentionAsMessage", "300.000001", null, text);
    Call reply = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(reply.param("text")).contains("does not cover");
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  void settings_are_explained_on_request_refused_in_a_dm_and_bad_words_get_a_friendly_error() throws Exception {
    settings("", "show");
    assertThat(responses.await(1, WAIT).get(0).text()).contains("only when mentioned").contains("answer-all");
    settings("answer-everything-always", "bad");
    assertThat(responses.await(2, WAIT).get(1).text()).contains("I don't know the setting").contains("mention-only");
    assertThat(slackSends.command(SlackPayloads.slashCommand(ReplySettings.COMMAND, "answer-all", ALICE, "DALICE",
        responses.url("dm")))).isEqualTo(200);
    assertThat(responses.await(3, WAIT).get(2).text()).isEqualTo(ReplySettings.NOT_IN_DM);
    assertThat(tutor.channelSettings().changedChannels()).isEmpty();
  }

  @Test
  void app_home_lists_the_channels_whose_reply_mode_changed() throws Exception {
    settings("answer-all", "set");
    responses.await(1, WAIT);
    assertThat(slackSends.event(SlackPayloads.appHomeOpened("EvHome", ALICE))).isEqualTo(200);
    Call publish = api.await("views.publish", 1, WAIT).get(0);
    assertThat(publish.json("view").toString()).contains("Reply settings").contains("<#" + CHANNEL + ">")
        .contains("answers every covered question");
  }
}
