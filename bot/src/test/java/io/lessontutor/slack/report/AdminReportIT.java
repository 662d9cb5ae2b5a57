package io.lessontutor.slack.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.report.GapCsv;
import io.lessontutor.report.ReportSeed;
import io.lessontutor.slack.SlackApp;
import io.lessontutor.slack.SlackFeatures;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.EchoingAnswerer;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.SignedSlackRequests;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gap report on App Home for the people in {@code TUTOR_ADMINS}, and its CSV, through the real
 * Bolt app (the features the Slack runner installs) with signed requests, against the fake Slack
 * Web API, on a seeded SQLite file.
 */
class AdminReportIT {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final Duration QUIET = Duration.ofMillis(800);
  static final String ADMIN = "UADMIN";
  static final String BOB = "UBOB";

  @TempDir Path dataDir;
  FakeSlackApi api;
  Tutor tutor;
  SlackApp slack;
  SlackHttpServer server;
  SignedSlackRequests slackSends;

  @BeforeEach
  void start() throws Exception {
    api = new FakeSlackApi();
    TutorConfig config = SlackTestTutor.config(dataDir, api, Map.of(TutorConfig.ADMINS, ADMIN + ", UOTHERADMIN"));
    tutor = SlackTestTutor.create(config, SlackTestTutor.library(), new EchoingAnswerer(SlackTestTutor.library()));
    slack = SlackApp.build(tutor, SlackFeatures.all(tutor));
    server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    slackSends = new SignedSlackRequests(server.port());
    seed();
  }

  @AfterEach
  void stop() {
    server.close();
    slack.close();
    tutor.close();
    api.close();
  }

  /** The CLI report's story ({@link ReportSeed}), with an unrelated question that must be escaped in Slack. */
  void seed() throws Exception {
    ReportSeed.declinedQuestions(tutor.gaps(), "=1+1 who won the football game, <!channel>?");
    ReportSeed.unhelpfulAnswers(tutor);
    ReportSeed.checklistRuns(dataDir, System.currentTimeMillis());
  }

  JsonNode home(String user, String eventId) throws Exception {
    assertThat(slackSends.event(SlackPayloads.appHomeOpened(eventId, user))).isEqualTo(200);
    return api.await("views.publish", c -> user.equals(c.param("user_id")), 1, WAIT).get(0).json("view");
  }

  void tapDownload(String user) throws Exception {
    assertThat(slackSends.interaction(SlackPayloads.blockAction(AdminReport.DOWNLOAD_CSV, "declined", user, null,
        null, null))).isEqualTo(200);
  }

  @Test
  void an_admin_sees_the_shortened_report_on_app_home_and_no_one_else_does() throws Exception {
    String view = home(ADMIN, "EvHomeAdmin").toString();
    assertThat(view).contains("What people asked: the last 30 days")
        .contains("*Declined:* 6 questions")
        .contains("*3×* “what is qlora” _(and 2 alike)_")
        .containsPattern("\\*2×\\* “[^”]*berlin[^”]*” _\\(and 1 alike\\)_")
        .contains("*Marked 👎:*").contains("*2×* p/premise, after “is rag always enough?”")
        .contains("*Most missed in the quiz:* none")
        .contains("*Checklist verdicts:* prompt-first 2 · fine-tune 1")
        .contains("Download CSV").contains(AdminReport.DOWNLOAD_CSV);
    // the question that tried to ping everyone is shown, but cannot
    assertThat(view).contains("football").doesNotContain("<!channel>");
    // the person's own App Home is still there above it
    assertThat(view).contains("Lesson Tutor").contains("tutor_home_ask_0");

    String bobs = home(BOB, "EvHomeBob").toString();
    assertThat(bobs).contains("Lesson Tutor").doesNotContain("What people asked").doesNotContain("qlora")
        .doesNotContain(AdminReport.DOWNLOAD_CSV);
  }

  @Test
  void download_csv_sends_every_group_to_the_admins_direct_message_with_slacks_external_upload_flow() throws Exception {
    tapDownload(ADMIN);
    Call complete = api.await("files.completeUploadExternal", 1, WAIT).get(0);

    List<String> order = api.calls().stream().map(Call::method)
        .filter(m -> m.startsWith("files.") || m.equals(FakeSlackApi.UPLOAD_METHOD) || m.equals("conversations.open"))
        .toList();
    assertThat(order).containsExactly("conversations.open", "files.getUploadURLExternal", FakeSlackApi.UPLOAD_METHOD,
        "files.completeUploadExternal");
    assertThat(api.calls("conversations.open").get(0).param("users")).isEqualTo(ADMIN);

    Call asked = api.calls("files.getUploadURLExternal").get(0);
    Call sent = api.calls(FakeSlackApi.UPLOAD_METHOD).get(0);
    String csv = sent.param("content");
    assertThat(asked.param("filename")).matches("declined-questions-\\d{4}-\\d{2}-\\d{2}\\.csv");
    assertThat(asked.param("length")).isEqualTo(String.valueOf(csv.getBytes(StandardCharsets.UTF_8).length));
    assertThat(asked.authorization()).as("the Web API call carries the bot token").startsWith("Bearer ");
    assertThat(sent.authorization()).as("the upload URL needs no token").isNull();

    List<String> rows = csv.lines().toList();
    assertThat(rows.get(0)).isEqualTo(GapCsv.HEADER);
    assertThat(rows).hasSize(1 + 6)
        .contains("1,3,what is qlora,what is qlora", "1,3,what is qlora,explain qlora to me", "1,3,what is qlora,What is QLoRA?")
        .anySatisfy(r -> assertThat(r).matches("2,2,[^,]*berlin[^,]*,whats the weather in berlin"))
        .anySatisfy(r -> assertThat(r).matches("2,2,[^,]*berlin[^,]*,weather tomorrow in berlin\\?"));
    // a cell a spreadsheet would run as a formula is defused, and the comma inside is quoted
    String football = "\"'=1+1 who won the football game, <!channel>?\"";
    assertThat(rows).contains("3,1," + football + "," + football);
    assertThat(csv).doesNotContain(",=1+1");

    assertThat(complete.param("channel_id")).isEqualTo("D" + ADMIN);
    JsonNode files = complete.json("files");
    assertThat(files).hasSize(1);
    assertThat(files.get(0).path("id").asText()).isEqualTo(sent.param("file_id"));
    assertThat(files.get(0).path("title").asText()).isEqualTo("Declined questions, grouped by meaning");
    assertThat(complete.param("initial_comment")).contains("6 in 3 groups of the same meaning");
  }

  @Test
  void when_slack_refuses_the_upload_the_admin_is_told_why_in_the_direct_message() throws Exception {
    api.enqueue("files.getUploadURLExternal", FakeSlackApi.Reply.error("missing_scope"));
    tapDownload(ADMIN);
    Call apology = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(apology.param("channel")).isEqualTo("D" + ADMIN);
    assertThat(apology.param("text")).contains("Slack said `missing_scope`");
    assertThat(api.calls(FakeSlackApi.UPLOAD_METHOD)).isEmpty();
    assertThat(api.calls("files.completeUploadExternal")).isEmpty();
  }

  @Test
  void a_download_tap_from_someone_not_in_tutor_admins_sends_nothing() throws Exception {
    tapDownload(BOB);
    api.quietFor(QUIET);
    assertThat(api.calls()).extracting(Call::method)
        .noneMatch(m -> m.startsWith("files.") || m.equals(FakeSlackApi.UPLOAD_METHOD) || m.equals("conversations.open"));
  }

  @Test
  void tutor_admins_that_is_not_user_ids_stops_start_up_naming_the_setting() {
    TutorConfig bad = SlackTestTutor.config(dataDir, api, Map.of(TutorConfig.ADMINS, "bob, #general"));
    assertThatThrownBy(bad::admins).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TUTOR_ADMINS must be Slack user ids").hasMessageContaining("'bob, #general'");
    assertThat(SlackTestTutor.config(dataDir, api).admins()).isEmpty();
  }
}
