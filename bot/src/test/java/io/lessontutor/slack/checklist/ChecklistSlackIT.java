package io.lessontutor.slack.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lessontutor.Tutor;
import io.lessontutor.checklist.AnswerValue;
import io.lessontutor.checklist.Answers;
import io.lessontutor.checklist.ChecklistRun;
import io.lessontutor.checklist.ChecklistService;
import io.lessontutor.checklist.DecisionRules;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.slack.SlackApp;
import io.lessontutor.slack.SlackFeatures;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.FakeResponseUrls;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /should-we-finetune end to end in HTTP mode: signed requests into the real Bolt App built with
 * the real tutor (the real checklist, pre-fill and history on SQLite), a fake Web API and fake
 * response_urls on loopback recording what the tutor sends.
 */
class ChecklistSlackIT {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final Duration QUIET = Duration.ofMillis(400);
  static final String CHANNEL = "C0TEAM";
  static final String ALICE = "UALICE";
  static final String BOB = "UBOB";
  static final ObjectMapper JSON = new ObjectMapper();

  /** Answers that lead to fine-tune-with-lora: every condition in place. */
  static final Map<String, AnswerValue> READY = Map.of(
      DecisionRules.USE_CASE_SOUND, AnswerValue.YES,
      DecisionRules.PROMPTING_PUSHED, AnswerValue.YES,
      DecisionRules.KNOWLEDGE_GAP, AnswerValue.NO,
      DecisionRules.RAG_TRIED, AnswerValue.YES,
      DecisionRules.USE_CASE_STABLE, AnswerValue.YES,
      DecisionRules.LARGE_LABELED_DATASET, AnswerValue.YES,
      "data-high-quality", AnswerValue.YES,
      "latency-or-cost-problem", AnswerValue.YES,
      "format-at-volume", AnswerValue.NO,
      "slower-iteration-ok", AnswerValue.YES);

  /** Answers that lead to prompt-first. */
  static final Map<String, AnswerValue> NOT_PUSHED = Map.of(
      DecisionRules.USE_CASE_SOUND, AnswerValue.YES,
      DecisionRules.PROMPTING_PUSHED, AnswerValue.NO);

  @TempDir Path dataDir;

  FakeSlackApi api;
  FakeResponseUrls responseUrls;
  Tutor tutor;
  ChecklistService checklist;
  SlackApp slack;
  SlackHttpServer server;
  HttpClient http = HttpClient.newHttpClient();
  SlackRequestSigner signer = new SlackRequestSigner(SlackTestTutor.SIGNING_SECRET);
  int triggers;

  @BeforeEach
  void start() throws Exception {
    api = new FakeSlackApi();
    responseUrls = new FakeResponseUrls();
    // The real tutor; BM25 alone spares loading the embedding model, which the checklist never uses.
    TutorConfig config = SlackTestTutor.config(dataDir, api).with(Map.of(TutorConfig.RETRIEVAL, "bm25"));
    tutor = SlackTestTutor.real(config);
    checklist = tutor.checklistService();
    slack = SlackApp.build(tutor, SlackFeatures.all(tutor));
    server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @AfterEach
  void stop() {
    server.close();
    slack.close();
    responseUrls.close();
    api.close();
  }

  // --- requests as Slack sends them ---

  HttpResponse<String> post(String body, String contentType) throws Exception {
    long ts = SlackRequestSigner.now();
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
            .header("Content-Type", contentType)
            .header("X-Slack-Request-Timestamp", String.valueOf(ts))
            .header("X-Slack-Signature", signer.sign(ts, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Runs the command; the trigger id is "trigger-N" and the response_url is named after it. */
  HttpResponse<String> command(String channel, String user, String text) throws Exception {
    String trigger = "trigger-" + ++triggers;
    return post(ChecklistPayloads.slashCommand(channel, user, text, trigger, responseUrls.url(trigger)),
        "application/x-www-form-urlencoded");
  }

  HttpResponse<String> interaction(String payloadJson) throws Exception {
    return post(SlackPayloads.interactivityForm(payloadJson), "application/x-www-form-urlencoded");
  }

  /** The modal the tutor opened with this trigger id. */
  JsonNode modalOpenedWith(String trigger) {
    Call open = api.await("views.open", c -> trigger.equals(c.param("trigger_id")), 1, WAIT).get(0);
    return open.json("view");
  }

  /** Runs the command and returns the modal it opened. */
  JsonNode openModal(String channel, String user, String text) throws Exception {
    assertThat(command(channel, user, text).statusCode()).isEqualTo(200);
    return modalOpenedWith("trigger-" + triggers);
  }

  void submit(JsonNode modal, String user, Map<String, AnswerValue> answers, boolean justForMe) throws Exception {
    var response = interaction(ChecklistPayloads.submission(modal, user, answers, justForMe));
    assertThat(response.statusCode()).isEqualTo(200);
  }

  /** The modal's selected answers, by check id. */
  static Map<String, String> initialAnswers(JsonNode modal) {
    Map<String, String> answers = new LinkedHashMap<>();
    for (JsonNode block : modal.path("blocks")) {
      String id = block.path("block_id").asText();
      JsonNode initial = block.path("element").path("initial_option");
      if (id.startsWith(ChecklistModal.CHECK_BLOCK) && !initial.isMissingNode()) {
        answers.put(id.substring(ChecklistModal.CHECK_BLOCK.length()), initial.path("value").asText());
      }
    }
    return answers;
  }

  static JsonNode metadata(JsonNode modal) throws Exception {
    return JSON.readTree(modal.path("private_metadata").asText());
  }

  static String runAgainValue(JsonNode blocks) {
    for (JsonNode block : blocks) {
      for (JsonNode element : block.path("elements")) {
        if (VerdictMessage.RUN_AGAIN.equals(element.path("action_id").asText())) {
          return element.path("value").asText();
        }
      }
    }
    throw new AssertionError("no Run it again button in " + blocks);
  }

  /** Every text in the blocks, as a person reads them (no JSON escapes). */
  static String texts(JsonNode blocks) {
    return FakeResponseUrls.texts(blocks);
  }

  String headline(String verdict) {
    return checklist.checklist().verdict(verdict).orElseThrow().headline();
  }

  // --- the tests ---

  @Test
  void command_opens_the_modal_with_its_trigger_id_one_question_per_check_and_what_the_text_states() throws Exception {
    long started = System.nanoTime();
    var response = command(CHANNEL, ALICE, "we have 80k labeled tickets and latency is our problem,"
        + " but we haven't tried RAG yet");
    long ackMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ackMillis).isLessThan(3_000);
    assertThat(response.body()).isEmpty();

    JsonNode modal = modalOpenedWith("trigger-1");
    assertThat(modal.path("type").asText()).isEqualTo("modal");
    assertThat(modal.path("callback_id").asText()).isEqualTo(ChecklistFeature.MODAL_CALLBACK_ID);
    assertThat(api.calls("views.open").get(0).authorization()).isEqualTo("Bearer " + SlackTestTutor.BOT_TOKEN);

    List<JsonNode> questions = new java.util.ArrayList<>();
    modal.path("blocks").forEach(b -> {
      if (b.path("block_id").asText().startsWith(ChecklistModal.CHECK_BLOCK)) {
        questions.add(b);
      }
    });
    // what the text states, and the open checks that could still change the verdict; with latency a
    // Yes, the format check can't, so it is not asked
    Answers stated = checklist.prefill("we have 80k labeled tickets and latency is our problem, but we haven't tried RAG yet");
    List<String> expected = checklist.checklist().checkIds().stream()
        .filter(id -> stated.isKnown(id) || checklist.stillMatters(stated).contains(id)).toList();
    assertThat(questions).extracting(b -> b.path("block_id").asText().substring(ChecklistModal.CHECK_BLOCK.length()))
        .containsExactlyElementsOf(expected)
        .doesNotContain("format-at-volume");
    assertThat(questions).allSatisfy(b -> assertThat(b.path("dispatch_action").asBoolean()).isTrue());
    var first = checklist.checklist().checks().get(0);
    assertThat(questions.get(0).path("label").path("text").asText()).isEqualTo(first.question());
    assertThat(questions.get(0).path("hint").path("text").asText()).isEqualTo(first.why());
    assertThat(questions.get(0).path("element").path("options").findValuesAsText("value"))
        .containsExactly("yes", "no", "unknown");
    assertThat(questions.get(0).path("element").path("options").toString())
        .contains("Yes").contains("No").contains("Not sure");

    assertThat(initialAnswers(modal)).containsExactlyInAnyOrderEntriesOf(Map.of(
        DecisionRules.LARGE_LABELED_DATASET, "yes",
        "latency-or-cost-problem", "yes",
        DecisionRules.RAG_TRIED, "no"));
    assertThat(modal.toString()).contains("Just for me").contains("I filled in 3 answers");

    JsonNode metadata = metadata(modal);
    assertThat(metadata.path("c").asText()).isEqualTo(CHANNEL);
    assertThat(metadata.path("u").asText()).isEqualTo(ALICE);
    assertThat(metadata.path("r").asText()).isEqualTo(responseUrls.url("trigger-1"));
  }

  @Test
  void submitting_posts_the_verdict_card_in_the_channel_naming_who_ran_it_and_stores_the_run() throws Exception {
    JsonNode modal = openModal(CHANNEL, ALICE, "");
    submit(modal, ALICE, READY, false);

    Call post = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(post.param("channel")).isEqualTo(CHANNEL);
    assertThat(post.param("text")).contains(headline("fine-tune-with-lora"));
    JsonNode blocks = post.json("blocks");
    assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
    assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo(headline("fine-tune-with-lora"));
    assertThat(texts(blocks))
        .contains("<@" + ALICE + ">")
        .contains("Next step:")
        .contains("LoRA")
        .contains("— When to Fine-Tune vs When to Just Prompt: A Decision Framework › ")
        .contains("Show all reasons")
        .contains("Run it again");
    assertThat(blocks.findValuesAsText("action_id")).containsExactly(VerdictMessage.SHOW_ALL, VerdictMessage.RUN_AGAIN);
    // The three most decisive answers, one line each with the lesson section
    var lesson = checklist.evaluate(Answers.of(READY));
    assertThat(lesson.reasons()).hasSizeGreaterThan(3);
    lesson.topReasons().forEach(r -> assertThat(texts(blocks)).contains(r.question()).contains("(" + r.section() + ")"));
    assertThat(texts(blocks)).doesNotContain(lesson.reasons().get(3).question()).contains("more.");
    assertThat(api.calls("chat.postEphemeral")).isEmpty();
    assertThat(responseUrls.posts()).isEmpty();

    List<ChecklistRun> runs = checklist.history(CHANNEL, 10);
    assertThat(runs).singleElement().satisfies(run -> {
      assertThat(run.who()).isEqualTo(ALICE);
      assertThat(run.verdict()).isEqualTo("fine-tune-with-lora");
      assertThat(run.answers()).isEqualTo(Answers.of(READY));
    });
  }

  @Test
  void blank_questions_count_as_not_sure_and_the_card_says_what_to_find_out() throws Exception {
    Map<String, AnswerValue> unsure = new LinkedHashMap<>(READY);
    unsure.remove(DecisionRules.USE_CASE_STABLE);
    submit(openModal(CHANNEL, ALICE, ""), ALICE, unsure, false);

    JsonNode blocks = api.await("chat.postMessage", 1, WAIT).get(0).json("blocks");
    assertThat(texts(blocks)).contains(headline(DecisionRules.NEED_MORE_INFO)).contains("What to find out")
        .contains(checklist.checklist().check(DecisionRules.USE_CASE_STABLE).orElseThrow().question());
  }

  @Test
  void just_for_me_posts_the_card_ephemerally_to_the_runner() throws Exception {
    submit(openModal(CHANNEL, ALICE, ""), ALICE, NOT_PUSHED, true);

    Call ephemeral = api.await("chat.postEphemeral", 1, WAIT).get(0);
    assertThat(ephemeral.param("channel")).isEqualTo(CHANNEL);
    assertThat(ephemeral.param("user")).isEqualTo(ALICE);
    assertThat(texts(ephemeral.json("blocks"))).contains(headline("prompt-first")).contains("just for you");
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).isEmpty();
    // kept, but not shown to the channel in "history"
    assertThat(checklist.history(CHANNEL, 10)).isEmpty();
    assertThat(checklist.history("private:" + ALICE, 10)).singleElement()
        .satisfies(run -> assertThat(run.verdict()).isEqualTo("prompt-first"));
  }

  @Test
  void in_a_channel_the_tutor_is_not_in_the_card_goes_through_the_commands_response_url() throws Exception {
    api.enqueue("chat.postMessage", Reply.error("not_in_channel"));
    submit(openModal("C0ELSEWHERE", ALICE, ""), ALICE, READY, false);

    FakeResponseUrls.Post post = responseUrls.await(1, WAIT).get(0);
    assertThat(post.name()).isEqualTo("trigger-1");
    assertThat(post.responseType()).isEqualTo("in_channel");
    assertThat(post.body().path("replace_original").asBoolean(true)).isFalse();
    assertThat(post.everything()).contains(headline("fine-tune-with-lora")).contains("<@" + ALICE + ">")
        .contains(VerdictMessage.RUN_AGAIN);
    assertThat(post.authorization()).isNull();
    assertThat(checklist.history("C0ELSEWHERE", 10)).hasSize(1);
  }

  @Test
  void just_for_me_in_a_direct_message_between_people_goes_through_the_response_url_ephemerally() throws Exception {
    api.enqueue("chat.postEphemeral", Reply.error("channel_not_found"));
    submit(openModal("D0ALICEBOB", ALICE, ""), ALICE, NOT_PUSHED, true);

    FakeResponseUrls.Post post = responseUrls.await(1, WAIT).get(0);
    assertThat(post.responseType()).isEqualTo("ephemeral");
    assertThat(post.everything()).contains(headline("prompt-first"));
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).isEmpty();
  }

  @Test
  void when_the_response_url_has_expired_too_the_card_arrives_in_a_direct_message_with_a_note() throws Exception {
    JsonNode modal = openModal("C0ELSEWHERE", ALICE, "");
    responseUrls.expire("trigger-1");
    api.enqueue("chat.postMessage", Reply.error("not_in_channel"));
    submit(modal, ALICE, READY, false);

    List<Call> posts = api.await("chat.postMessage", 3, WAIT);
    assertThat(api.calls("conversations.open").get(0).param("users")).isEqualTo(ALICE);
    assertThat(posts.get(1).param("channel")).isEqualTo("D" + ALICE);
    assertThat(posts.get(1).param("text")).isEqualTo(ChecklistReplies.NOT_IN_CHANNEL_NOTE);
    assertThat(posts.get(2).param("channel")).isEqualTo("D" + ALICE);
    assertThat(texts(posts.get(2).json("blocks"))).contains(headline("fine-tune-with-lora"));
  }

  @Test
  void help_explains_the_command_and_the_precedence_privately() throws Exception {
    var response = command("D0ALICEBOB", ALICE, "  HELP ");
    assertThat(response.statusCode()).isEqualTo(200);

    JsonNode reply = JSON.readTree(response.body());
    assertThat(reply.path("response_type").asText()).isEqualTo("ephemeral");
    String text = reply.path("text").asText();
    assertThat(text).contains("/should-we-finetune history").contains("Just for me").contains("Run it again");
    assertThat(checklist.precedence()).isNotEmpty().allSatisfy(rule -> assertThat(text).contains(rule));
    api.quietFor(QUIET);
    assertThat(api.calls("views.open")).isEmpty();
  }

  @Test
  void history_lists_the_channels_last_runs_newest_first_privately() throws Exception {
    submit(openModal(CHANNEL, ALICE, ""), ALICE, NOT_PUSHED, false);
    api.await("chat.postMessage", 1, WAIT);
    Thread.sleep(5); // distinct millisecond timestamps, so "newest first" is observable
    submit(openModal(CHANNEL, BOB, ""), BOB, READY, false);
    api.await("chat.postMessage", 2, WAIT);
    submit(openModal("C0OTHER", BOB, ""), BOB, READY, false);
    api.await("chat.postMessage", 3, WAIT);

    var response = command(CHANNEL, ALICE, "history");
    assertThat(response.statusCode()).isEqualTo(200);
    FakeResponseUrls.Post post = responseUrls.await(1, WAIT).get(0);
    assertThat(post.name()).isEqualTo("trigger-" + triggers);
    assertThat(post.responseType()).isEqualTo("ephemeral");

    List<String> lines = new java.util.ArrayList<>();
    post.body().path("blocks").forEach(b -> lines.add(b.path("text").path("text").asText()));
    List<String> runLines = lines.stream().filter(l -> l.contains("<!date^")).toList();
    assertThat(runLines).hasSize(2);
    assertThat(runLines.get(0)).contains("<@" + BOB + ">").contains(headline("fine-tune-with-lora"));
    assertThat(runLines.get(1)).contains("<@" + ALICE + ">").contains(headline("prompt-first"));
  }

  @Test
  void history_of_a_channel_without_runs_says_so() throws Exception {
    command("C0QUIET", ALICE, "history");
    assertThat(responseUrls.await(1, WAIT).get(0).everything()).contains("Nobody has run");
  }

  @Test
  void run_it_again_reopens_the_modal_with_the_same_answers() throws Exception {
    submit(openModal(CHANNEL, ALICE, ""), ALICE, NOT_PUSHED, true);
    String value = runAgainValue(api.await("chat.postEphemeral", 1, WAIT).get(0).json("blocks"));

    var response = interaction(ChecklistPayloads.button(VerdictMessage.RUN_AGAIN, value, BOB, CHANNEL,
        responseUrls.url("button-1"), "trigger-again"));
    assertThat(response.statusCode()).isEqualTo(200);

    JsonNode modal = modalOpenedWith("trigger-again");
    assertThat(initialAnswers(modal)).containsExactlyInAnyOrderEntriesOf(Map.of(
        DecisionRules.USE_CASE_SOUND, "yes", DecisionRules.PROMPTING_PUSHED, "no"));
    JsonNode justForMe = null;
    for (JsonNode block : modal.path("blocks")) {
      if (ChecklistModal.JUST_FOR_ME_BLOCK.equals(block.path("block_id").asText())) {
        justForMe = block;
      }
    }
    assertThat(justForMe).isNotNull();
    assertThat(justForMe.path("element").path("initial_options").findValuesAsText("value"))
        .containsExactly(ChecklistModal.JUST_FOR_ME_VALUE);
    JsonNode metadata = metadata(modal);
    assertThat(metadata.path("c").asText()).isEqualTo(CHANNEL);
    assertThat(metadata.path("u").asText()).isEqualTo(BOB);
    assertThat(metadata.path("r").asText()).isEqualTo(responseUrls.url("button-1"));

    // Bob changes one answer and shares it with the channel.
    Map<String, AnswerValue> changed = new LinkedHashMap<>(READY);
    submit(modal, BOB, changed, false);
    Call card = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(card.param("channel")).isEqualTo(CHANNEL);
    assertThat(texts(card.json("blocks"))).contains("<@" + BOB + ">").contains(headline("fine-tune-with-lora"));
    // Alice's first run was just for her, so the channel's history shows Bob's alone
    assertThat(checklist.history(CHANNEL, 10)).extracting(ChecklistRun::who).containsExactly(BOB);
  }

  @Test
  void app_home_button_opens_the_modal_and_the_verdict_arrives_in_the_direct_message() throws Exception {
    post(SlackPayloads.appHomeOpened("EvHome", ALICE), "application/json");
    JsonNode home = api.await("views.publish", 1, WAIT).get(0).json("view");
    assertThat(home.path("blocks").findValuesAsText("action_id")).contains(ChecklistFeature.OPEN_FROM_HOME);
    assertThat(home.toString()).contains("Should we fine-tune?");

    interaction(ChecklistPayloads.button(ChecklistFeature.OPEN_FROM_HOME, "open", ALICE, null, null, "trigger-home"));
    JsonNode modal = modalOpenedWith("trigger-home");
    assertThat(initialAnswers(modal)).isEmpty();
    assertThat(metadata(modal).has("c")).isFalse();

    submit(modal, ALICE, READY, true);
    Call card = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(card.param("channel")).isEqualTo("D" + ALICE);
    assertThat(texts(card.json("blocks"))).contains(headline("fine-tune-with-lora"));
    assertThat(api.calls("conversations.open").get(0).param("users")).isEqualTo(ALICE);
    assertThat(checklist.history("D" + ALICE, 10)).singleElement()
        .satisfies(run -> assertThat(run.who()).isEqualTo(ALICE));
  }

  @Test
  void a_trigger_slack_refuses_gets_a_friendly_private_reply_with_a_retry_button_and_a_log_line_with_the_error_code()
      throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    HttpResponse<String> response;
    Call reply;
    try {
      api.enqueue("views.open", Reply.error("expired_trigger_id"));
      response = command(CHANNEL, ALICE, "we have 80k examples");
      reply = api.await("chat.postEphemeral", 1, WAIT).get(0);
    } finally {
      System.setErr(original);
    }
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(reply.param("user")).isEqualTo(ALICE);
    assertThat(reply.param("text")).startsWith("Sorry").contains("expired_trigger_id")
        .doesNotContain("Exception").doesNotContain("at io.");
    JsonNode button = reply.json("blocks").get(1).path("elements").get(0);
    assertThat(button.path("action_id").asText()).isEqualTo(ChecklistFeature.RETRY_OPEN);
    assertThat(button.path("value").asText()).isEqualTo("we have 80k examples");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("views.open").contains("expired_trigger_id");

    // The retry button opens the modal with its own fresh trigger_id, pre-filled as before.
    interaction(ChecklistPayloads.button(ChecklistFeature.RETRY_OPEN, "we have 80k examples", ALICE, CHANNEL,
        "http://127.0.0.1:9/unused", "trigger-retry"));
    Call open = api.await("views.open", c -> "trigger-retry".equals(c.param("trigger_id")), 1, WAIT).get(0);
    assertThat(open.json("view").path("callback_id").asText()).isEqualTo(ChecklistFeature.MODAL_CALLBACK_ID);
  }

  @Test
  void a_slow_views_open_never_delays_the_ack_and_the_person_is_offered_a_retry_button() throws Exception {
    api.enqueue("views.open", Reply.slow(java.time.Duration.ofSeconds(4)));
    long start = System.nanoTime();
    HttpResponse<String> response = command(CHANNEL, ALICE, "");
    long ackMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ackMillis).as("ack, ms, against Slack's 3 s deadline").isLessThan(3_000);
    Call notice = api.await("chat.postEphemeral", 1, WAIT).get(0);
    assertThat(notice.param("text")).isEqualTo(ChecklistFeature.SLOW_TO_OPEN);
    assertThat(notice.json("blocks").get(1).path("elements").get(0).path("action_id").asText())
        .isEqualTo(ChecklistFeature.RETRY_OPEN);
    api.await("views.open", 1, WAIT);
    api.quietFor(java.time.Duration.ofMillis(1_800));
    assertThat(api.calls("chat.postEphemeral")).hasSize(1);
  }

  @Test
  void when_the_app_home_button_cannot_open_the_modal_the_person_hears_why_in_a_direct_message() throws Exception {
    api.enqueue("views.open", Reply.error("expired_trigger_id"));
    interaction(ChecklistPayloads.button(ChecklistFeature.OPEN_FROM_HOME, "open", ALICE, null, null, "trigger-home"));

    Call reply = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(reply.param("channel")).isEqualTo("D" + ALICE);
    assertThat(reply.param("text")).startsWith("Sorry").contains("expired_trigger_id");
  }

  @Test
  void a_modal_that_comes_back_without_its_origin_still_gets_its_verdict_in_a_direct_message() throws Exception {
    JsonNode modal = openModal(CHANNEL, ALICE, "");
    interaction(ChecklistPayloads.submissionWithMetadata(modal, ALICE, "{not json"));

    List<Call> posts = api.await("chat.postMessage", 2, WAIT);
    assertThat(posts).allSatisfy(p -> assertThat(p.param("channel")).isEqualTo("D" + ALICE));
    assertThat(posts.get(0).param("text")).isEqualTo(ChecklistReplies.STALE_MODAL);
    assertThat(texts(posts.get(1).json("blocks"))).contains(headline(DecisionRules.NEED_MORE_INFO));
  }

  @Test
  void a_run_it_again_button_with_a_value_that_is_not_ours_gets_a_friendly_private_reply() throws Exception {
    interaction(ChecklistPayloads.button(VerdictMessage.RUN_AGAIN, "<script>", ALICE, CHANNEL,
        responseUrls.url("button-1"), "trigger-bad"));

    Call reply = api.await("chat.postEphemeral", 1, WAIT).get(0);
    assertThat(reply.param("user")).isEqualTo(ALICE);
    assertThat(reply.param("text")).isEqualTo(ChecklistReplies.BROKEN_BUTTON);
    assertThat(api.calls("views.open")).isEmpty();
  }

  @Test
  void text_after_the_command_cannot_ping_anyone_and_is_never_echoed_raw() throws Exception {
    JsonNode modal = openModal(CHANNEL, ALICE, "<!channel> @here we have 80k labeled examples <@UBOB>");
    assertThat(initialAnswers(modal)).containsEntry(DecisionRules.LARGE_LABELED_DATASET, "yes");
    submit(modal, ALICE, READY, false);
    Call post = api.await("chat.postMessage", 1, WAIT).get(0);
    String posted = post.param("text") + post.param("blocks");
    assertThat(posted).doesNotContain("<!channel>").doesNotContain("<@UBOB>").doesNotContainPattern("@(here|channel)");
  }

  static String buttonValue(JsonNode blocks, String actionId) {
    for (JsonNode block : blocks) {
      for (JsonNode element : block.path("elements")) {
        if (actionId.equals(element.path("action_id").asText())) {
          return element.path("value").asText();
        }
      }
    }
    throw new AssertionError("no " + actionId + " button in " + blocks);
  }

  @Test
  void show_all_reasons_sends_every_reason_with_its_lesson_line_to_the_person_who_tapped() throws Exception {
    submit(openModal(CHANNEL, ALICE, ""), ALICE, READY, false);
    String value = buttonValue(api.await("chat.postMessage", 1, WAIT).get(0).json("blocks"), VerdictMessage.SHOW_ALL);

    interaction(ChecklistPayloads.button(VerdictMessage.SHOW_ALL, value, BOB, CHANNEL, null, "trigger-all"));

    Call ephemeral = api.await("chat.postEphemeral", 1, WAIT).get(0);
    assertThat(ephemeral.param("user")).isEqualTo(BOB);
    assertThat(ephemeral.param("channel")).isEqualTo(CHANNEL);
    var card = checklist.evaluate(Answers.of(READY));
    card.reasons().forEach(r -> assertThat(texts(ephemeral.json("blocks"))).contains(r.question()).contains(r.quote()));
  }

  @Test
  void answering_in_the_modal_drops_the_questions_that_can_no_longer_change_the_verdict() throws Exception {
    JsonNode modal = openModal(CHANNEL, ALICE, "");
    assertThat(initialAnswers(modal)).isEmpty();

    var response = interaction(ChecklistPayloads.modalAnswer(modal, ALICE,
        Map.of(DecisionRules.USE_CASE_SOUND, AnswerValue.NO), DecisionRules.USE_CASE_SOUND));
    assertThat(response.statusCode()).isEqualTo(200);

    Call update = api.await("views.update", 1, WAIT).get(0);
    assertThat(update.param("view_id")).isEqualTo("V0MODAL");
    assertThat(update.param("hash")).isEqualTo("1700000000.abc");
    JsonNode updated = update.json("view");
    assertThat(initialAnswers(updated)).containsExactly(Map.entry(DecisionRules.USE_CASE_SOUND, "no"));
    assertThat(updated.path("blocks").findValuesAsText("block_id").stream()
        .filter(id -> id.startsWith(ChecklistModal.CHECK_BLOCK))).containsExactly(ChecklistModal.CHECK_BLOCK + "use-case-sound");
    assertThat(updated.toString()).contains(ChecklistModal.SETTLED);
    assertThat(metadata(updated).path("c").asText()).isEqualTo(CHANNEL);
  }

  @Test
  void an_answer_about_the_teams_own_situation_offers_the_checklist_and_the_button_opens_the_modal_pre_filled()
      throws Exception {
    String question = "we have 80k labeled tickets and latency is killing us, should we fine-tune?";
    post(SlackPayloads.appMention("EvAsk1", CHANNEL, ALICE, "1700000100.000100", null,
        "<@" + FakeSlackApi.BOT_USER_ID + "> " + question), "application/json");
    Call answer = api.await("chat.postMessage", 1, WAIT).get(0);
    String value = buttonValue(answer.json("blocks"), AnswerMessage.RUN_CHECKLIST);
    assertThat(texts(answer.json("blocks"))).contains("Run the checklist with this");

    var response = interaction(ChecklistPayloads.button(AnswerMessage.RUN_CHECKLIST, value, ALICE, CHANNEL,
        responseUrls.url("answer-1"), "trigger-answer"));
    assertThat(response.statusCode()).isEqualTo(200);

    JsonNode modal = modalOpenedWith("trigger-answer");
    assertThat(initialAnswers(modal)).containsExactlyInAnyOrderEntriesOf(Map.of(
        DecisionRules.LARGE_LABELED_DATASET, "yes", "latency-or-cost-problem", "yes"));
    assertThat(modal.toString()).contains("I filled in 2 answers");
    assertThat(metadata(modal).path("c").asText()).isEqualTo(CHANNEL);
    assertThat(metadata(modal).path("u").asText()).isEqualTo(ALICE);
  }

  @Test
  void an_answer_to_a_general_question_offers_no_checklist() throws Exception {
    post(SlackPayloads.appMention("EvAsk2", CHANNEL, ALICE, "1700000100.000200", null,
        "<@" + FakeSlackApi.BOT_USER_ID + "> what is LoRA?"), "application/json");
    Call answer = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(answer.json("blocks").findValuesAsText("action_id")).doesNotContain(AnswerMessage.RUN_CHECKLIST);
  }
}
