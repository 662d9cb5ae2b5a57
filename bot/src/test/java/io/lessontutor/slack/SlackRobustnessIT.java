package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.EchoingAnswerer;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.FakeSlackApi.Reply;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackRequestSigner;
import io.lessontutor.slack.testing.SlackTestTutor;
import io.lessontutor.slack.views.AnswerMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Slack hears for requests that are malformed, forged for the future, replayed or hit a
 * fault of ours, in HTTP mode with the real Bolt app and a fake Web API on loopback.
 */
class SlackRobustnessIT {

  static final Duration QUIET = Duration.ofMillis(400);
  static final String CHANNEL = "C0ROBUST";
  static final String ALICE = "UALICE";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  FakeSlackApi api;
  LessonLibrary library = SlackTestTutor.library();
  EchoingAnswerer answerer = new EchoingAnswerer(library);
  List<SlackApp> apps = new ArrayList<>();
  List<Tutor> tutors = new ArrayList<>();
  List<SlackHttpServer> servers = new ArrayList<>();
  HttpClient http = HttpClient.newHttpClient();
  SlackRequestSigner signer = new SlackRequestSigner(SlackTestTutor.SIGNING_SECRET);

  /** A feature whose command fails in the tutor's own code, as a real bug would. */
  static final SlackFeature BROKEN = new SlackFeature() {
    @Override
    public void install(com.slack.api.bolt.App app, SlackContext context) {
      app.command("/broken", (req, ctx) -> {
        throw new IllegalStateException("a bug of ours");
      });
    }
  };

  @BeforeEach
  void start() throws Exception {
    api = new FakeSlackApi();
    startInstance();
  }

  /** Starts one more instance on the same database; returns its port. */
  int startInstance() throws Exception {
    TutorConfig config = SlackTestTutor.config(dataDir, api);
    Tutor tutor = SlackTestTutor.create(config, library, answerer);
    SlackApp slack = SlackApp.build(tutor, List.of(BROKEN, new io.lessontutor.slack.quiz.SlackQuiz(tutor.quiz())));
    SlackHttpServer server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    apps.add(slack);
    tutors.add(tutor);
    servers.add(server);
    return server.port();
  }

  @AfterEach
  void stop() {
    servers.forEach(SlackHttpServer::close);
    apps.forEach(SlackApp::close);
    api.close();
  }

  record Sent(String body, String contentType, long timestamp, String signature) {}

  Sent signed(String body, String contentType, long timestamp) {
    return new Sent(body, contentType, timestamp, signer.sign(timestamp, body));
  }

  Sent json(String body) {
    return signed(body, "application/json", SlackRequestSigner.now());
  }

  Sent form(String body) {
    return signed(body, "application/x-www-form-urlencoded", SlackRequestSigner.now());
  }

  Sent interaction(String payload) {
    return form(SlackPayloads.interactivityForm(payload));
  }

  HttpResponse<String> send(Sent sent) throws Exception {
    return send(servers.get(0).port(), sent);
  }

  HttpResponse<String> send(int port, Sent sent) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
        .header("Content-Type", sent.contentType())
        .header("X-Slack-Request-Timestamp", String.valueOf(sent.timestamp()))
        .header("X-Slack-Signature", sent.signature())
        .POST(HttpRequest.BodyPublishers.ofString(sent.body()))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Runs the work with the log captured; returns what was logged. */
  static String logOf(ThrowingRunnable work) throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      work.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  String mention(String eventId, String ts) {
    return SlackPayloads.appMention(eventId, CHANNEL, ALICE, ts, null, "<@" + FakeSlackApi.BOT_USER_ID + "> What is LoRA?");
  }

  @Test
  void requests_that_cannot_be_understood_get_400_with_one_log_line_and_no_stack_trace() throws Exception {
    ObjectNode wrongType = (ObjectNode) JSON.readTree(mention("EvBad1", "100.000001"));
    wrongType.putArray("api_app_id");
    ObjectNode hugeTeam = (ObjectNode) JSON.readTree(mention("EvBad2", "100.000002"));
    hugeTeam.put("team_id", new java.math.BigInteger("123456789012345678901234567890"));
    hugeTeam.remove("authorizations");
    hugeTeam.put("event_time", new java.math.BigInteger("123456789012345678901234567890"));
    String deep = mention("EvBad3", "100.000003").replace("\"api_app_id\":\"A0001\"",
        "\"api_app_id\":" + "[".repeat(1_000) + "]".repeat(1_000));
    String command = SlackPayloads.slashCommand("/tutor-quiz", "leaderboard", ALICE, CHANNEL, "http://127.0.0.1:9/r");
    String cutEscape = command.substring(0, command.indexOf("%2F") + 2);

    List<Integer> statuses = new ArrayList<>();
    String log = logOf(() -> {
      statuses.add(send(json(wrongType.toString())).statusCode());
      statuses.add(send(json(hugeTeam.toString())).statusCode());
      statuses.add(send(json(deep)).statusCode());
      statuses.add(send(form(cutEscape)).statusCode());
      statuses.add(send(json("{\"type\":\"event_callback\",\"event\":")).statusCode());
    });

    assertThat(statuses).allSatisfy(status -> assertThat(status).isBetween(400, 499));
    assertThat(statuses).filteredOn(s -> s == 400).hasSizeGreaterThanOrEqualTo(4);
    assertThat(log).doesNotContain("\tat ").doesNotContain("Exception in").doesNotContain("internal error");
    assertThat(log.lines().filter(l -> l.contains("Refused"))).hasSizeBetween(1, 3); // rate-limited, not one per request
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).isEmpty();
  }

  @Test
  void known_payloads_missing_a_field_we_need_are_acked_and_dropped() throws Exception {
    ObjectNode mentionWithoutTs = (ObjectNode) JSON.readTree(mention("EvNoTs", "200.000001"));
    ((ObjectNode) mentionWithoutTs.get("event")).remove("ts");
    String commandWithoutUser = SlackPayloads.slashCommand("/tutor-quiz", "", ALICE, CHANNEL, "http://127.0.0.1:9/r")
        .replace("user_id=" + ALICE + "&", "");
    ObjectNode quizTap = (ObjectNode) JSON.readTree(SlackPayloads.blockAction("tutor_quiz_answer_0", "round:1:0",
        ALICE, CHANNEL, "200.000002", null));
    quizTap.putNull("channel");
    ObjectNode vote = (ObjectNode) JSON.readTree(SlackPayloads.blockAction(AnswerMessage.HELPFUL, "-", ALICE, CHANNEL,
        "200.000003", null));
    vote.remove("container");
    vote.remove("channel");

    String log = logOf(() -> {
      assertThat(send(json(mentionWithoutTs.toString())).statusCode()).isEqualTo(200);
      assertThat(send(form(commandWithoutUser)).statusCode()).isEqualTo(200);
      assertThat(send(interaction(quizTap.toString())).statusCode()).isEqualTo(200);
      assertThat(send(interaction(vote.toString())).statusCode()).isEqualTo(200);
      api.quietFor(QUIET);
    });

    assertThat(api.calls()).extracting(Call::method).containsOnly("auth.test");
    assertThat(answerer.questions()).isEmpty();
    assertThat(log).doesNotContain("\tat ").contains("the payload lacks");
  }

  @Test
  void a_fault_of_our_own_gets_500_with_one_stack_trace() throws Exception {
    String command = SlackPayloads.slashCommand("/broken", "", ALICE, CHANNEL, "http://127.0.0.1:9/r");
    String[] log = new String[1];
    int[] status = new int[1];
    log[0] = logOf(() -> status[0] = send(form(command)).statusCode());

    assertThat(status[0]).isEqualTo(500);
    assertThat(log[0]).contains("a bug of ours").contains("\tat io.lessontutor.slack.SlackRobustnessIT");
    assertThat(log[0].split("java.lang.IllegalStateException: a bug of ours", -1)).hasSize(2);
  }

  @Test
  void timestamps_outside_five_minutes_either_way_get_401_and_nothing_is_done() throws Exception {
    long now = SlackRequestSigner.now();
    String body = mention("EvFuture", "300.000001");
    for (long offset : List.of(5 * 60 + 5L, 3_600L, 365L * 24 * 3_600, -(5 * 60 + 5L), -3_600L)) {
      assertThat(send(signed(body, "application/json", now + offset)).statusCode()).as("offset %d s", offset).isEqualTo(401);
    }
    assertThat(send(signed(body, "application/json", now + 60)).statusCode()).as("a clock a minute ahead").isEqualTo(200);
    api.await("chat.postMessage", 1, Duration.ofSeconds(10));
    api.quietFor(QUIET);
    assertThat(answerer.questions()).hasSize(1);
  }

  @Test
  void replayed_command_and_button_are_acked_and_do_nothing_twice_even_on_another_instance() throws Exception {
    int second = startInstance();
    Sent leaderboard = form(SlackPayloads.slashCommand("/tutor-quiz", "leaderboard", ALICE, CHANNEL, "http://127.0.0.1:9/r"));
    Sent vote = interaction(SlackPayloads.blockAction(AnswerMessage.HELPFUL, "-", ALICE, CHANNEL, "400.000001", null));

    for (int i = 0; i < 2; i++) {
      assertThat(send(vote).statusCode()).isEqualTo(200);
      assertThat(send(second, vote).statusCode()).isEqualTo(200);
    }
    api.await("chat.postEphemeral", 1, Duration.ofSeconds(10));
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postEphemeral")).hasSize(1);
    assertThat(tutors.get(0).feedback().votes(CHANNEL, "400.000001")).hasSize(1);

    assertThat(send(leaderboard).statusCode()).isEqualTo(200);
    assertThat(send(second, leaderboard).statusCode()).isEqualTo(200);
    assertThat(send(leaderboard).statusCode()).isEqualTo(200);
    // The leaderboard goes to the (unreachable) response_url, then an apology: once, not three times.
    api.quietFor(Duration.ofMillis(800));
    assertThat(api.calls("chat.postEphemeral")).hasSize(2);
  }

  @Test
  void slacks_own_retries_of_an_event_are_still_answered_once_by_event_id() throws Exception {
    String body = mention("EvRetried", "500.000001");
    assertThat(send(json(body)).statusCode()).isEqualTo(200);
    Sent retry = signed(body, "application/json", SlackRequestSigner.now() + 1); // a new signature
    assertThat(send(retry).statusCode()).isEqualTo(200);
    api.await("chat.postMessage", 1, Duration.ofSeconds(10));
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  void bots_info_failing_never_turns_a_bot_message_into_a_500() throws Exception {
    api.enqueue("bots.info", new Reply(500, java.util.Map.of(), "oops"), new Reply(500, java.util.Map.of(), "oops"));
    ObjectNode otherBot = SlackPayloads.messageEvent(CHANNEL, "channel", null, "600.000001", null, "beep");
    otherBot.put("bot_id", "BOTHER");
    ObjectNode own = SlackPayloads.messageEvent(CHANNEL, "channel", null, "600.000002", null, "mine");
    own.put("bot_id", FakeSlackApi.BOT_ID);
    ObjectNode ownReaction = JSON.createObjectNode().put("type", "reaction_added").put("user", FakeSlackApi.BOT_USER_ID)
        .put("reaction", "hourglass");

    assertThat(send(json(SlackPayloads.eventCallback("EvBot1", otherBot))).statusCode()).isEqualTo(200);
    assertThat(send(json(SlackPayloads.eventCallback("EvBot2", own))).statusCode()).isEqualTo(200);
    assertThat(send(json(SlackPayloads.eventCallback("EvBot3", ownReaction))).statusCode()).isEqualTo(200);
    api.quietFor(QUIET);
    assertThat(api.calls()).extracting(Call::method).containsOnly("auth.test");
  }

  @Test
  void an_answer_whose_post_failed_with_a_5xx_is_retried_and_shown_exactly_once() throws Exception {
    // First: Slack posted the answer, then answered 503; the tutor finds it in the thread and stops.
    api.enqueue("chat.postMessage", Reply.serverErrorAfterActing());
    assertThat(send(json(mention("EvLanded", "700.000001"))).statusCode()).isEqualTo(200);
    api.await("conversations.replies", 1, Duration.ofSeconds(10));
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).hasSize(1);

    // Then: a 503 before anything was posted; the tutor looks, finds nothing, posts again.
    api.clear();
    api.enqueue("chat.postMessage", Reply.serverError());
    assertThat(send(json(mention("EvLost", "700.000002"))).statusCode()).isEqualTo(200);
    api.await("chat.postMessage", 2, Duration.ofSeconds(10));
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).hasSize(2);
    assertThat(api.calls("chat.postMessage").get(1).param("text")).contains("What is LoRA?");
    assertThat(api.calls("chat.postEphemeral")).isEmpty(); // no apology: the answer got through
  }

  @Test
  void replayed_or_retried_events_are_acted_on_once_by_their_event_id() throws Exception {
    Sent mention = json(mention("EvReplayed", "800.000001"));
    Sent started = json(SlackPayloads.assistantThreadStarted("EvStarted", ALICE, "DALICE", "800.000002"));
    for (int i = 0; i < 3; i++) {
      assertThat(send(mention).statusCode()).isEqualTo(200);
      assertThat(send(started).statusCode()).isEqualTo(200);
    }
    Sent startedRetry = signed(started.body(), "application/json", SlackRequestSigner.now() + 1);
    assertThat(send(startedRetry).statusCode()).isEqualTo(200);

    api.await("chat.postMessage", 2, Duration.ofSeconds(10));
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).hasSize(2); // one answer, one greeting
    assertThat(api.calls("assistant.threads.setSuggestedPrompts")).hasSize(1);
    assertThat(answerer.questions()).hasSize(1);
  }
}
