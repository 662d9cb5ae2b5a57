package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.BlockCompositions;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slack app end to end in HTTP mode: signed requests into the real Bolt App behind the JDK
 * server, and a fake Web API on loopback recording every call the tutor makes.
 */
class SlackHttpModeIT {

  Tutor tutor;

  static final Duration WAIT = Duration.ofSeconds(10);
  static final Duration QUIET = Duration.ofMillis(400);
  static final String CHANNEL = "C0GENERAL";
  static final String ALICE = "UALICE";

  @TempDir Path dataDir;

  FakeSlackApi api;
  LessonLibrary library = SlackTestTutor.library();
  EchoingAnswerer answerer = new EchoingAnswerer(library);
  SlackApp slack;
  SlackHttpServer server;
  HttpClient http = HttpClient.newHttpClient();
  SlackRequestSigner signer = new SlackRequestSigner(SlackTestTutor.SIGNING_SECRET);

  @BeforeEach
  void start() throws Exception {
    api = new FakeSlackApi();
    startTutor(List.of());
  }

  void startTutor(List<SlackFeature> features) throws Exception {
    TutorConfig config = SlackTestTutor.config(dataDir, api);
    tutor = SlackTestTutor.create(config, library, answerer);
    slack = SlackApp.build(tutor, features);
    server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  void stopTutor() {
    server.close();
    slack.close();
  }

  @AfterEach
  void stop() {
    stopTutor();
    api.close();
  }

  HttpResponse<String> post(String body, String contentType, long timestamp, String signature, Map<String, String> extra)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
        .header("Content-Type", contentType)
        .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
        .header("X-Slack-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    extra.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> event(String body, Map<String, String> extra) throws Exception {
    long ts = SlackRequestSigner.now();
    return post(body, "application/json", ts, signer.sign(ts, body), extra);
  }

  HttpResponse<String> event(String body) throws Exception {
    return event(body, Map.of());
  }

  HttpResponse<String> interaction(String payloadJson) throws Exception {
    String body = SlackPayloads.interactivityForm(payloadJson);
    long ts = SlackRequestSigner.now();
    return post(body, "application/x-www-form-urlencoded", ts, signer.sign(ts, body), Map.of());
  }

  List<Call> answersIn(String channel) {
    return api.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))).toList();
  }

  static String allText(Call post) {
    return post.param("text") + "\n" + post.param("blocks");
  }

  @Test
  void health_check_answers_200_once_ready() throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void mention_is_answered_in_its_thread_with_source_and_buttons_and_a_working_sign() throws Exception {
    var response = event(SlackPayloads.appMention("Ev1", CHANNEL, ALICE, "100.000001", null,
        "<@" + FakeSlackApi.BOT_USER_ID + "> What is LoRA?"));
    assertThat(response.statusCode()).isEqualTo(200);

    Call post = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(post.param("channel")).isEqualTo(CHANNEL);
    assertThat(post.param("thread_ts")).isEqualTo("100.000001");
    assertThat(post.param("text")).contains("What is LoRA?").contains("LoRA");
    assertThat(answerer.questions()).extracting(q -> q.text()).containsExactly("What is LoRA?");
    assertThat(post.authorization()).isEqualTo("Bearer " + SlackTestTutor.BOT_TOKEN);

    JsonNode blocks = post.json("blocks");
    assertThat(blocks.get(0).path("type").asText()).isEqualTo("section");
    JsonNode context = blocks.get(blocks.size() - 2);
    assertThat(context.path("type").asText()).isEqualTo("context");
    assertThat(context.toString()).contains("When to Fine-Tune vs When to Just Prompt").contains(" › ");
    JsonNode buttons = blocks.get(blocks.size() - 1).path("elements");
    assertThat(buttons.findValuesAsText("action_id"))
        .containsExactly(AnswerMessage.HELPFUL, AnswerMessage.NOT_HELPFUL, AnswerMessage.SHOW_PASSAGE);
    assertThat(buttons.toString()).contains("👍 Helpful").contains("👎 Not helpful").contains("Show passage");

    Call added = api.await("reactions.add", 1, WAIT).get(0);
    Call removed = api.await("reactions.remove", 1, WAIT).get(0);
    assertThat(added.param("timestamp")).isEqualTo("100.000001");
    assertThat(added.param("name")).isEqualTo(Answering.WORKING_REACTION);
    assertThat(removed.param("name")).isEqualTo(Answering.WORKING_REACTION);
    assertThat(added.atNanos()).isLessThan(post.atNanos());
    assertThat(removed.atNanos()).isGreaterThan(post.atNanos());
  }

  @Test
  void ack_comes_before_the_answer_is_ready() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    stopTutor();
    answerer = new EchoingAnswerer(library).holdUntil(release);
    startTutor(List.of());

    var response = event(SlackPayloads.appMention("Ev1", CHANNEL, ALICE, "100.000001", null, "What is LoRA?"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(api.calls("chat.postMessage")).isEmpty();

    release.countDown();
    api.await("chat.postMessage", 1, WAIT);
  }

  @Test
  void retried_event_is_answered_once_also_after_a_restart() throws Exception {
    String mention = SlackPayloads.appMention("EvRetry", CHANNEL, ALICE, "100.000001", null, "What is LoRA?");
    event(mention);
    api.await("chat.postMessage", 1, WAIT);

    assertThat(event(mention, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")).statusCode())
        .isEqualTo(200);
    stopTutor();
    startTutor(List.of()); // a new App on the same SQLite file
    assertThat(event(mention, Map.of("X-Slack-Retry-Num", "2", "X-Slack-Retry-Reason", "http_timeout")).statusCode())
        .isEqualTo(200);

    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).hasSize(1);
    assertThat(answerer.questions()).hasSize(1);
  }

  @Test
  void message_arriving_as_mention_and_as_message_is_answered_once() throws Exception {
    String text = "<@" + FakeSlackApi.BOT_USER_ID + "> Should we try RAG first?";
    event(SlackPayloads.message("EvMsg", CHANNEL, "channel", ALICE, "100.000002", "100.000001", text));
    event(SlackPayloads.appMention("EvMention", CHANNEL, ALICE, "100.000002", "100.000001", text));

    api.await("chat.postMessage", 1, WAIT);
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  void direct_message_is_answered_in_the_conversation() throws Exception {
    event(SlackPayloads.message("EvDm", "DALICE", "im", ALICE, "200.000001", null, "What is LoRA?"));

    Call post = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(post.param("channel")).isEqualTo("DALICE");
    assertThat(post.param("thread_ts")).isNull();
    assertThat(post.param("text")).contains("LoRA");
  }

  @Test
  void reply_in_a_thread_the_tutor_answered_needs_no_mention_and_carries_the_earlier_question() throws Exception {
    event(SlackPayloads.appMention("Ev1", CHANNEL, ALICE, "100.000001", null, "Should we fine-tune?"));
    api.await("chat.postMessage", 1, WAIT);

    event(SlackPayloads.message("Ev2", CHANNEL, "channel", ALICE, "100.000005", "100.000001", "what about LoRA?"));
    Call followUp = api.await("chat.postMessage", 2, WAIT).get(1);
    assertThat(followUp.param("thread_ts")).isEqualTo("100.000001");
    assertThat(answerer.questions().get(1).text()).isEqualTo("what about LoRA?");
    assertThat(answerer.questions().get(1).previous()).isEqualTo("Should we fine-tune?");
  }

  @Test
  void reply_in_a_thread_the_tutor_never_answered_is_left_alone() throws Exception {
    event(SlackPayloads.message("Ev2", CHANNEL, "channel", ALICE, "300.000005", "300.000001", "what about LoRA?"));
    event(SlackPayloads.message("Ev3", CHANNEL, "channel", ALICE, "300.000006", null, "just chatting"));
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).isEmpty();
  }

  @Test
  void own_messages_other_bots_edits_and_joins_are_ignored() throws Exception {
    var own = SlackPayloads.messageEvent("DALICE", "im", FakeSlackApi.BOT_USER_ID, "400.000001", null, "my own answer");
    own.put("bot_id", FakeSlackApi.BOT_ID);
    var otherBot = SlackPayloads.messageEvent("DALICE", "im", null, "400.000002", null, "beep");
    otherBot.put("bot_id", "BOTHER");
    var edit = SlackPayloads.messageEvent("DALICE", "im", ALICE, "400.000003", null, "edited question");
    edit.put("subtype", "message_changed");
    var join = SlackPayloads.messageEvent(CHANNEL, "channel", ALICE, "400.000004", null, "<@UALICE> has joined");
    join.put("subtype", "channel_join");
    var ownWithoutBotId = SlackPayloads.messageEvent("DALICE", "im", FakeSlackApi.BOT_USER_ID, "400.000005", null, "me");

    int i = 0;
    for (var ignored : List.of(own, otherBot, edit, join, ownWithoutBotId)) {
      assertThat(event(SlackPayloads.eventCallback("EvIgnored" + i++, ignored)).statusCode()).isEqualTo(200);
    }
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).isEmpty();
    assertThat(answerer.questions()).isEmpty();
  }

  @Test
  void broadcasts_and_mentions_inside_a_question_cannot_ping() throws Exception {
    event(SlackPayloads.appMention("EvPing", CHANNEL, ALICE, "500.000001", null,
        "<@" + FakeSlackApi.BOT_USER_ID + "> <!channel> <!here> <!everyone> <@UBOB> <!subteam^S123|@devs>"
            + " @channel @here @everyone what is LoRA?"));

    Call post = api.await("chat.postMessage", 1, WAIT).get(0);
    String posted = allText(post);
    assertThat(posted).contains("LoRA");
    assertThat(posted).doesNotContain("<!").doesNotContain("<@").doesNotContain("&lt;!channel");
    assertThat(posted).doesNotContainPattern("@(channel|here|everyone|devs|UBOB)");
    assertThat(post.param("link_names")).isIn(null, "0", "false");
  }

  @Test
  void forged_and_stale_signatures_get_401_and_nothing_is_done() throws Exception {
    String mention = SlackPayloads.appMention("EvForged", CHANNEL, ALICE, "600.000001", null, "What is LoRA?");
    long now = SlackRequestSigner.now();
    String forged = new SlackRequestSigner("not-the-secret").sign(now, mention);
    long stale = now - 10 * 60;

    assertThat(post(mention, "application/json", now, forged, Map.of()).statusCode()).isEqualTo(401);
    assertThat(post(mention, "application/json", stale, signer.sign(stale, mention), Map.of()).statusCode())
        .isEqualTo(401);
    assertThat(post(mention, "application/json", now, signer.sign(now, mention + " "), Map.of()).statusCode())
        .isEqualTo(401);

    api.quietFor(QUIET);
    assertThat(api.calls()).extracting(Call::method).doesNotContain("chat.postMessage", "reactions.add");
    assertThat(answerer.questions()).isEmpty();
  }

  @Test
  void rate_limited_call_is_retried_after_retry_after() throws Exception {
    api.enqueue("chat.postMessage", Reply.rateLimited(1));
    event(SlackPayloads.appMention("Ev429", CHANNEL, ALICE, "700.000001", null, "What is LoRA?"));

    List<Call> posts = api.await("chat.postMessage", 2, WAIT);
    long waitedMillis = (posts.get(1).atNanos() - posts.get(0).atNanos()) / 1_000_000;
    assertThat(waitedMillis).isGreaterThanOrEqualTo(900);
    assertThat(posts.get(1).param("text")).isEqualTo(posts.get(0).param("text"));
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).hasSize(2);
  }

  @Test
  void failing_web_api_call_is_logged_with_its_error_code_and_the_person_gets_an_apology() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      api.enqueue("chat.postMessage", Reply.error("invalid_blocks"));
      event(SlackPayloads.appMention("EvErr", CHANNEL, ALICE, "800.000001", null, "What is LoRA?"));

      Call apology = api.await("chat.postMessage", 2, WAIT).get(1);
      assertThat(apology.param("thread_ts")).isEqualTo("800.000001");
      assertThat(apology.param("text")).startsWith("Sorry").contains("invalid_blocks");
      api.await("reactions.remove", 1, WAIT);
    } finally {
      System.setErr(original);
    }
    String logged = log.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("chat.postMessage").contains("invalid_blocks");
    assertThat(logged).doesNotContain(SlackTestTutor.BOT_TOKEN).doesNotContain(SlackTestTutor.SIGNING_SECRET);
    assertThat(api.everyParameterValue()).noneMatch(v -> v.contains(SlackTestTutor.BOT_TOKEN));
  }

  @Test
  void votes_are_stored_once_per_person_per_answer_and_thanked_privately() throws Exception {
    String passage = library.passages().get(0).id();
    interaction(SlackPayloads.blockAction(AnswerMessage.HELPFUL, passage, ALICE, CHANNEL, "900.000002", "900.000001"));
    api.await("chat.postEphemeral", 1, WAIT);
    interaction(SlackPayloads.blockAction(AnswerMessage.NOT_HELPFUL, passage, ALICE, CHANNEL, "900.000002", "900.000001"));
    interaction(SlackPayloads.blockAction(AnswerMessage.HELPFUL, passage, "UBOB", CHANNEL, "900.000002", "900.000001"));

    List<Call> thanks = api.await("chat.postEphemeral", 3, WAIT);
    assertThat(thanks.get(0).param("user")).isEqualTo(ALICE);
    assertThat(thanks.get(0).param("text")).startsWith("Thanks");
    assertThat(thanks.get(0).param("thread_ts")).isEqualTo("900.000001");
    assertThat(api.calls("chat.postMessage")).isEmpty();

    var votes = tutor.feedback().votes(CHANNEL, "900.000002");
    assertThat(votes).hasSize(2);
    assertThat(votes).filteredOn(v -> v.userId().equals(ALICE)).singleElement()
        .satisfies(v -> assertThat(v.helpful()).isFalse());
    assertThat(votes).filteredOn(v -> v.userId().equals("UBOB")).singleElement()
        .satisfies(v -> assertThat(v.helpful()).isTrue());
  }

  @Test
  void show_passage_posts_the_whole_passage_privately() throws Exception {
    var passage = library.passages().stream().filter(p -> p.text().length() > 80).findFirst().orElseThrow();
    var response = interaction(SlackPayloads.blockAction(AnswerMessage.SHOW_PASSAGE, passage.id(), ALICE, CHANNEL,
        "900.000002", "900.000001"));
    assertThat(response.statusCode()).isEqualTo(200);

    Call ephemeral = api.await("chat.postEphemeral", 1, WAIT).get(0);
    assertThat(ephemeral.param("user")).isEqualTo(ALICE);
    assertThat(ephemeral.json("blocks").toString()).contains(SafeText.neutralize(passage.text()).replace("\"", "\\\""))
        .contains(passage.section());
  }

  @Test
  void app_home_shows_example_questions_and_feature_blocks_and_a_tap_answers_in_the_dm() throws Exception {
    stopTutor();
    SlackFeature quiz = new SlackFeature() {
      @Override
      public void install(com.slack.api.bolt.App app, SlackContext context) {}

      @Override
      public List<LayoutBlock> homeBlocks(String userId) {
        return List.of(com.slack.api.model.block.Blocks.section(s -> s.text(BlockCompositions.markdownText(
            "*Quiz* for " + userId))));
      }
    };
    startTutor(List.of(quiz));

    event(SlackPayloads.appHomeOpened("EvHome", ALICE));
    Call publish = api.await("views.publish", 1, WAIT).get(0);
    assertThat(publish.param("user_id")).isEqualTo(ALICE);
    JsonNode view = publish.json("view");
    assertThat(view.path("type").asText()).isEqualTo("home");
    assertThat(view.toString()).contains(SlackTestTutor.library().lessons().get(0).suggestedQuestions().get(0)).contains("*Quiz* for UALICE");

    String third = SlackTestTutor.library().lessons().get(0).suggestedQuestions().get(2);
    interaction(SlackPayloads.blockAction("tutor_home_ask_2", third, ALICE, null, null, null));
    List<Call> posts = api.await("chat.postMessage", 2, WAIT);
    assertThat(api.calls("conversations.open").get(0).param("users")).isEqualTo(ALICE);
    assertThat(posts).allSatisfy(p -> assertThat(p.param("channel")).isEqualTo("D" + ALICE));
    assertThat(posts.get(0).param("text")).contains("You asked");
    assertThat(answerer.questions()).extracting(io.lessontutor.answer.Question::text).contains(third);
  }

  @Test
  void app_home_without_features_offers_only_ask() throws Exception {
    event(SlackPayloads.appHomeOpened("EvHome", ALICE));
    JsonNode view = api.await("views.publish", 1, WAIT).get(0).json("view");
    assertThat(view.path("blocks").findValuesAsText("action_id"))
        .allMatch(id -> id.startsWith(io.lessontutor.slack.home.AppHome.ASK_EXAMPLE))
        .hasSize(3);
  }

  @Test
  void assistant_thread_gets_prompts_status_title_and_an_answer() throws Exception {
    event(SlackPayloads.assistantThreadStarted("EvStart", ALICE, "DALICE", "1000.000001"));
    Call prompts = api.await("assistant.threads.setSuggestedPrompts", 1, WAIT).get(0);
    assertThat(prompts.param("thread_ts")).isEqualTo("1000.000001");
    assertThat(prompts.param("prompts")).contains(SlackTestTutor.library().lessons().get(0).suggestedQuestions().get(0));

    event(SlackPayloads.message("EvAsk", "DALICE", "im", ALICE, "1000.000002", "1000.000001", "What is LoRA?"));
    Call answer = api.await("chat.postMessage", p -> p.param("text").contains("LoRA"), 1, WAIT).get(0);
    assertThat(answer.param("thread_ts")).isEqualTo("1000.000001");

    List<Call> statuses = api.await("assistant.threads.setStatus", 2, WAIT);
    assertThat(statuses.get(0).param("status")).isEqualTo(Answering.WORKING_STATUS);
    assertThat(statuses.get(0).atNanos()).isLessThan(answer.atNanos());
    assertThat(statuses.get(1).param("status")).isEmpty();
    assertThat(statuses.get(1).atNanos()).isGreaterThan(answer.atNanos());
    assertThat(api.await("assistant.threads.setTitle", 1, WAIT).get(0).param("title")).isEqualTo("What is LoRA?");
  }
  @Test
  void a_feature_takes_the_mentions_and_direct_messages_it_claims_and_ask_answers_the_rest() throws Exception {
    stopTutor();
    List<SlackFeature.IncomingMessage> taken = new java.util.concurrent.CopyOnWriteArrayList<>();
    SlackFeature claimer = new SlackFeature() {
      @Override
      public void install(com.slack.api.bolt.App app, SlackContext context) {}

      @Override
      public boolean takeMessage(IncomingMessage message) {
        if (message.text().equals("mine")) {
          taken.add(message);
          return true;
        }
        return false;
      }
    };
    startTutor(List.of(claimer));

    event(SlackPayloads.appMention("EvMine", CHANNEL, ALICE, "100.000001", null, "<@" + FakeSlackApi.BOT_USER_ID + "> mine"));
    event(SlackPayloads.message("EvMineDm", "DALICE", "im", ALICE, "200.000001", null, "mine"));
    event(SlackPayloads.assistantThreadStarted("EvStart", ALICE, "DALICE", "300.000001"));
    event(SlackPayloads.message("EvMineAssistant", "DALICE", "im", ALICE, "300.000002", "300.000001", "mine"));
    event(SlackPayloads.message("EvAsk", "DALICE", "im", ALICE, "200.000002", null, "What is LoRA?"));

    Call answer = api.await("chat.postMessage", c -> c.param("text").contains("LoRA"), 1, WAIT).get(0);
    assertThat(answer.param("text")).contains("LoRA");
    api.quietFor(QUIET);
    assertThat(answerer.questions()).extracting(q -> q.text()).containsExactly("What is LoRA?");
    assertThat(taken).extracting(SlackFeature.IncomingMessage::channel, SlackFeature.IncomingMessage::direct,
            SlackFeature.IncomingMessage::userId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(CHANNEL, false, ALICE),
            org.assertj.core.groups.Tuple.tuple("DALICE", true, ALICE),
            org.assertj.core.groups.Tuple.tuple("DALICE", true, ALICE));
    assertThat(taken.get(2).threadTs()).as("the assistant thread's message").isEqualTo("300.000001");
  }
}
