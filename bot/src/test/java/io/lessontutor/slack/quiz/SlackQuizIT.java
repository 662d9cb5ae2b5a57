package io.lessontutor.slack.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.quiz.QuizQuestion;
import io.lessontutor.quiz.QuizService;
import io.lessontutor.quiz.QuizSettings;
import io.lessontutor.quiz.RoundListener;
import io.lessontutor.slack.SafeText;
import io.lessontutor.slack.SlackApp;
import io.lessontutor.slack.SlackFeature;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackRequestSigner;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quiz in Slack end to end: signed slash commands, mentions and button taps into the real
 * Bolt App behind the HTTP server, the real tutor (lesson, quiz bank, SQLite), and the fake Web
 * API recording what the tutor posts and updates. Questions last {@value #SECONDS} s.
 */
class SlackQuizIT {

  static final int SECONDS = 2;
  static final Duration WAIT = Duration.ofSeconds(15);
  static final Duration QUIET = Duration.ofMillis(500);
  static final String CHANNEL = "C0QUIZ";
  static final String ALICE = "UALICE";
  static final String BOB = "UBOB";

  @TempDir Path dataDir;

  static FakeSlackApi api;
  static HttpClient http = HttpClient.newHttpClient();
  static SlackRequestSigner signer = new SlackRequestSigner(SlackTestTutor.SIGNING_SECRET);

  Tutor tutor;
  SlackQuiz quiz;
  SlackApp slack;
  SlackHttpServer server;
  final AtomicInteger responses = new AtomicInteger();

  @BeforeAll
  static void fakeSlack() throws Exception {
    api = new FakeSlackApi();
  }

  @AfterAll
  static void closeFakeSlack() {
    api.close();
  }

  @BeforeEach
  void start() throws Exception {
    api.clear();
    tutor = Tutor.start(SlackTestTutor.config(dataDir, api, Map.of(TutorConfig.QUIZ_SECONDS, String.valueOf(SECONDS))));
    startApp();
  }

  /** A new app and quiz service on the same tutor and database, as after a restart. */
  void startApp() throws Exception {
    QuizSettings configured = QuizSettings.from(tutor.config());
    // The configured time per question; a short pause between questions keeps the tests quick.
    quiz = new SlackQuiz(new QuizService(tutor.quizBank(), tutor.database(), RoundListener.NONE,
        new QuizSettings(configured.questionTime(), Duration.ofMillis(200), configured.roundSize()), Clock.systemUTC()));
    slack = SlackApp.build(tutor, List.<SlackFeature>of(quiz));
    server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  void stopApp() {
    server.close();
    slack.close();
  }

  @AfterEach
  void stop() {
    stopApp();
  }

  // ---- channel rounds ----

  @Test
  void slash_command_runs_a_round_with_private_locks_reveals_by_update_and_ends_with_its_leaderboard() throws Exception {
    command("2", ALICE, CHANNEL);

    Posted first = awaitQuestion(CHANNEL, 1);
    assertThat(first.buttons()).hasSize(first.question().choices().size());
    assertThat(first.buttons()).extracting(b -> b.path("action_id").asText()).allMatch(id -> id.startsWith(QuizMessages.ROUND_ANSWER));
    String shown = first.call().json("blocks").toString();
    assertThat(shown).contains("Question 1 of 2").contains(":stopwatch: " + SECONDS + " s").contains("<!date^");

    tap(first.right().path("action_id").asText(), first.right().path("value").asText(), ALICE, CHANNEL, first.ts());
    tap(first.wrong().path("action_id").asText(), first.wrong().path("value").asText(), BOB, CHANNEL, first.ts());
    api.await("chat.postEphemeral", 2, WAIT);
    String aliceLock = ephemeralsTo(ALICE).get(0).param("text");
    String bobLock = ephemeralsTo(BOB).get(0).param("text");
    assertThat(aliceLock).startsWith("Locked in: *" + QuizMessages.letter(first.question().answer()) + "*");
    assertThat(bobLock).startsWith("Locked in: *").doesNotContain("right").doesNotContain("wrong");
    assertThat(api.calls("chat.update")).as("nothing is revealed before time is up").isEmpty();

    Call reveal = awaitUpdateOf(CHANNEL, 1);
    assertThat(reveal.param("ts")).isEqualTo(first.ts());
    String revealed = reveal.json("blocks").toString();
    assertThat(revealed).contains("<@" + ALICE + "> +").doesNotContain(BOB)
        .contains(SafeText.neutralize(first.question().explanation()).replace("\"", "\\\""))
        .contains(SafeText.neutralize(first.question().source().citation()))
        .contains("2 answers");
    assertThat(reveal.json("blocks").findValues("elements").toString()).doesNotContain(QuizMessages.ROUND_ANSWER);

    Posted second = awaitQuestion(CHANNEL, 2);
    assertThat(second.call().json("blocks").toString()).contains("Question 2 of 2");
    assertThat(second.question().id()).isNotEqualTo(first.question().id());
    assertThat(awaitUpdateOf(CHANNEL, 2).json("blocks").toString()).contains("Nobody answered this one.");

    Call board = api.await("chat.postMessage", c -> c.param("text").startsWith("Quiz round over"), 1, WAIT).get(0);
    String standings = board.json("blocks").toString();
    assertThat(standings).contains("<@" + ALICE + ">: ").doesNotContain(BOB);
    assertThat(board.atNanos()).isGreaterThan(second.call().atNanos());

    String respond = command("leaderboard", BOB, CHANNEL);
    Call allTime = awaitResponse(respond);
    assertThat(allTime.param("response_type")).isEqualTo("ephemeral");
    assertThat(allTime.param("blocks")).contains("All-time quiz leaderboard").contains("<@" + ALICE + ">");
    assertThat(quiz.service().activeRound(CHANNEL)).isEmpty();
  }

  @Test
  void mention_starts_a_round_and_is_not_answered_as_a_question_while_other_mentions_still_are() throws Exception {
    event(SlackPayloads.appMention("EvQuiz", CHANNEL, ALICE, "100.000001", null, "<@" + FakeSlackApi.BOT_USER_ID + "> quiz 1"));
    Posted question = awaitQuestion(CHANNEL, 1);
    assertThat(question.call().json("blocks").toString()).contains("Question 1 of 1");
    // The same message again, as a retry: still one round, one question.
    event(SlackPayloads.appMention("EvQuiz", CHANNEL, ALICE, "100.000001", null, "<@" + FakeSlackApi.BOT_USER_ID + "> quiz 1"));

    event(SlackPayloads.appMention("EvAsk", CHANNEL, BOB, "100.000002", null, "<@" + FakeSlackApi.BOT_USER_ID + "> What is LoRA?"));
    Call answer = api.await("chat.postMessage", c -> "100.000002".equals(c.param("thread_ts")), 1, WAIT).get(0);
    assertThat(answer.param("text")).contains("LoRA");

    api.quietFor(QUIET);
    assertThat(api.calls("reactions.add")).extracting(c -> c.param("timestamp")).containsExactly("100.000002");
    assertThat(questionsIn(CHANNEL)).hasSize(1);
    assertThat(api.calls("chat.postMessage")).filteredOn(c -> c.param("thread_ts") != null).hasSize(1);
  }

  @Test
  void several_people_tapping_at_once_count_once_each_and_all_right_ones_are_named() throws Exception {
    command("1", ALICE, CHANNEL);
    Posted question = awaitQuestion(CHANNEL, 1);
    List<String> people = IntStream.rangeClosed(1, 6).mapToObj(i -> "UPLAYER" + i).toList();

    // Each person taps twice at once: the right answer and then (or at the same time) another one.
    List<CompletableFuture<HttpResponse<String>>> taps = new ArrayList<>();
    for (String person : people) {
      for (JsonNode button : List.of(question.right(), question.wrong())) {
        taps.add(CompletableFuture.supplyAsync(() -> {
          try {
            return tap(button.path("action_id").asText(), button.path("value").asText(), person, CHANNEL, question.ts());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }));
      }
    }
    CompletableFuture.allOf(taps.toArray(CompletableFuture[]::new)).join();

    api.await("chat.postEphemeral", people.size() * 2, WAIT);
    for (String person : people) {
      assertThat(ephemeralsTo(person)).extracting(c -> c.param("text"))
          .satisfiesExactlyInAnyOrder(
              t -> assertThat(t).startsWith("Locked in: "),
              t -> assertThat(t).startsWith("You already answered"));
    }

    String revealed = awaitUpdateOf(CHANNEL, 1).json("blocks").toString();
    assertThat(revealed).contains(people.size() + " answers");
    int right = 0;
    for (String person : people) {
      String lockedIn = ephemeralsTo(person).stream().map(c -> c.param("text"))
          .filter(t -> t.startsWith("Locked in")).findFirst().orElseThrow();
      boolean gotIt = lockedIn.startsWith("Locked in: *" + QuizMessages.letter(question.question().answer()) + "*");
      assertThat(revealed.contains("<@" + person + ">")).as(person).isEqualTo(gotIt);
      right += gotIt ? 1 : 0;
    }
    assertThat(right).isPositive();
  }

  @Test
  void only_the_starter_can_stop_a_round_and_stopping_reveals_and_posts_the_board() throws Exception {
    command("3", ALICE, CHANNEL);
    Posted first = awaitQuestion(CHANNEL, 1);

    Call refused = awaitResponse(command("stop", BOB, CHANNEL));
    assertThat(refused.param("text")).isEqualTo(SafeText.neutralize(SlackQuiz.NOT_STARTER));
    assertThat(refused.param("response_type")).isEqualTo("ephemeral");
    assertThat(quiz.service().activeRound(CHANNEL)).isPresent();

    command("stop", ALICE, CHANNEL);
    Call reveal = awaitUpdateOf(CHANNEL, 1);
    assertThat(reveal.param("ts")).isEqualTo(first.ts());
    assertThat(reveal.json("blocks").toString()).contains("the round was stopped");
    api.await("chat.postMessage", c -> c.param("text").startsWith("Quiz round stopped after 1 of 3 questions"), 1, WAIT);

    api.quietFor(Duration.ofSeconds(SECONDS).plus(QUIET));
    assertThat(questionsIn(CHANNEL)).hasSize(1);
    Call none = awaitResponse(command("stop", ALICE, CHANNEL));
    assertThat(none.param("text")).startsWith("There's no quiz round running");
  }

  @Test
  void second_start_is_refused_privately_with_a_link_to_the_running_question() throws Exception {
    command("", ALICE, CHANNEL);
    Posted first = awaitQuestion(CHANNEL, 1);
    assertThat(first.call().json("blocks").toString()).contains("Question 1 of " + QuizSettings.DEFAULT_ROUND_SIZE);
    // The round saves the question's ts once Slack has answered the post.
    long until = System.nanoTime() + WAIT.toNanos();
    while (quiz.service().activeRound(CHANNEL).orElseThrow().currentMessageRef() == null && System.nanoTime() < until) {
      Thread.sleep(5);
    }

    Call pointer = awaitResponse(command("2", BOB, CHANNEL));
    assertThat(pointer.param("response_type")).as(pointer.params().toString()).isEqualTo("ephemeral");
    assertThat(pointer.param("blocks")).contains("already running in this channel").contains("question 1 of 5 is up")
        .contains("|Jump to the question>");
    String permalink = api.await("chat.getPermalink", 1, WAIT).get(0).param("message_ts");
    assertThat(permalink).isEqualTo(first.ts());

    api.quietFor(QUIET);
    assertThat(questionsIn(CHANNEL)).hasSize(1);
    command("stop", ALICE, CHANNEL);
    api.await("chat.postMessage", c -> c.param("text").startsWith("Quiz round stopped"), 1, WAIT);
  }

  @Test
  void help_and_unknown_words_get_the_help_privately_in_the_ack() throws Exception {
    String help = post(SlackPayloads.slashCommand(SlackQuiz.COMMAND, "help", ALICE, CHANNEL, api.url() + "respond/x"),
        "application/x-www-form-urlencoded").body();
    assertThat(help).contains("ephemeral").contains("/tutor-quiz leaderboard").contains("/tutor-quiz stop");
    String unknown = post(SlackPayloads.slashCommand(SlackQuiz.COMMAND, "<!channel> banana", ALICE, CHANNEL,
        api.url() + "respond/y"), "application/x-www-form-urlencoded").body();
    assertThat(unknown).contains("catch that.").doesNotContain("banana").doesNotContain("<!channel>");
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).isEmpty();
  }

  @Test
  void a_restart_mid_round_keeps_the_answers_and_reveals_on_the_original_message() throws Exception {
    command("1", ALICE, CHANNEL);
    Posted question = awaitQuestion(CHANNEL, 1);
    tap(question.right().path("action_id").asText(), question.right().path("value").asText(), BOB, CHANNEL, question.ts());
    api.await("chat.postEphemeral", 1, WAIT);

    stopApp();
    api.quietFor(Duration.ofSeconds(SECONDS).plus(QUIET));
    assertThat(api.calls("chat.update")).as("the closed app's timer is stopped").isEmpty();

    startApp();
    Call reveal = awaitUpdateOf(CHANNEL, 1);
    assertThat(reveal.param("ts")).isEqualTo(question.ts());
    assertThat(reveal.json("blocks").toString()).contains("<@" + BOB + "> +");
    api.await("chat.postMessage", c -> c.param("text").startsWith("Quiz round over"), 1, WAIT);
  }

  @Test
  void a_round_where_the_tutor_cannot_post_is_stopped_and_its_starter_told_to_invite_it() throws Exception {
    String closed = "C0NOTJOINED";
    api.enqueue("chat.postMessage", FakeSlackApi.Reply.error("not_in_channel"));
    Call told = awaitResponse(command("2", ALICE, closed));
    assertThat(told.param("text")).contains("invite me");
    long until = System.nanoTime() + WAIT.toNanos();
    while (quiz.service().activeRound(closed).isPresent() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(quiz.service().activeRound(closed)).isEmpty();

    api.quietFor(Duration.ofSeconds(SECONDS).plus(QUIET));
    assertThat(api.calls("chat.postMessage")).hasSize(1);
    assertThat(api.calls("chat.update")).isEmpty();
  }

  // ---- solo practice ----

  @Test
  void quiz_me_in_a_dm_runs_the_full_quiz_brings_a_miss_back_and_app_home_shows_progress() throws Exception {
    String dm = "D" + ALICE;
    event(SlackPayloads.message("EvSolo", dm, "im", ALICE, "200.000001", null, "quiz me"));

    Posted missed = null;
    for (int n = 1; n <= 10; n++) {
      Posted question = awaitQuestion(dm, n);
      assertThat(question.call().json("blocks").toString()).contains("Practice · question " + n + " of 10");
      JsonNode button = n == 1 ? question.wrong() : question.right();
      tap(button.path("action_id").asText(), button.path("value").asText(), ALICE, dm, question.ts());
      Call feedback = awaitUpdateOf(dm, n);
      assertThat(feedback.param("ts")).isEqualTo(question.ts());
      String shown = feedback.json("blocks").toString();
      assertThat(shown).contains(SafeText.neutralize(question.question().source().citation()));
      if (n == 1) {
        missed = question;
        assertThat(shown).contains("Not quite.").contains("comes back at the end");
        // A second tap on the same question changes nothing.
        tap(question.right().path("action_id").asText(), question.right().path("value").asText(), ALICE, dm, question.ts());
        assertThat(api.await("chat.postEphemeral", 1, WAIT).get(0).param("text")).isEqualTo(SlackQuiz.SOLO_ALREADY);
      } else {
        assertThat(shown).contains("Right!");
      }
    }

    Posted again = awaitQuestion(dm, 11);
    assertThat(again.question().id()).isEqualTo(missed.question().id());
    assertThat(again.call().json("blocks").toString()).contains("Practice · again");
    tap(again.right().path("action_id").asText(), again.right().path("value").asText(), ALICE, dm, again.ts());
    Call summary = api.await("chat.postMessage", c -> c.param("text").startsWith("Practice done"), 1, WAIT).get(0);
    assertThat(summary.param("text")).isEqualTo("Practice done: 9 of 10 right at the first try");
    assertThat(summary.json("blocks").toString()).contains("New best!").contains("mastered 10 of the "
        + tutor.quizBank().size() + " questions");
    assertThat(api.calls("reactions.add")).as("Ask never saw it").isEmpty();

    event(SlackPayloads.appHomeOpened("EvHome", ALICE));
    String home = api.await("views.publish", 1, WAIT).get(0).json("view").toString();
    assertThat(home).contains("*Best score:* 9 of 10").contains("*Mastered:* 10 of " + tutor.quizBank().size())
        .contains(QuizMessages.HOME_PRACTICE).contains("Start practice");

    tap(QuizMessages.HOME_PRACTICE, "practice", ALICE, null, null);
    Posted next = awaitQuestion(dm, 12);
    assertThat(next.call().json("blocks").toString()).contains("Practice · question 1 of 10").contains("at your own pace");
  }

  // ---- requests as Slack sends them ----

  HttpResponse<String> post(String body, String contentType) throws Exception {
    long ts = SlackRequestSigner.now();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
        .header("Content-Type", contentType)
        .header("X-Slack-Request-Timestamp", String.valueOf(ts))
        .header("X-Slack-Signature", signer.sign(ts, body))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }

  /** Runs {@code /tutor-quiz text}; returns the response URL's method name in the fake API. */
  String command(String text, String user, String channel) throws Exception {
    String respond = "respond/" + responses.incrementAndGet();
    post(SlackPayloads.slashCommand(SlackQuiz.COMMAND, text, user, channel, api.url() + respond),
        "application/x-www-form-urlencoded");
    return respond;
  }

  HttpResponse<String> tap(String actionId, String value, String user, String channel, String messageTs) throws Exception {
    return post(SlackPayloads.interactivityForm(SlackPayloads.blockAction(actionId, value, user, channel, messageTs, null)),
        "application/x-www-form-urlencoded");
  }

  void event(String body) throws Exception {
    post(body, "application/json");
  }

  // ---- what the tutor posted ----

  /** A question as posted: the call, the bank question it asks, and its buttons. */
  record Posted(Call call, String ts, QuizQuestion question, List<JsonNode> buttons) {
    JsonNode button(int choice) {
      return buttons.get(choice);
    }

    JsonNode right() {
      return buttons.get(question.answer());
    }

    JsonNode wrong() {
      return buttons.get(question.answer() == 0 ? 1 : 0);
    }
  }

  List<Call> questionsIn(String channel) {
    return api.calls("chat.postMessage").stream()
        .filter(c -> channel.equals(c.param("channel")))
        .filter(c -> c.param("text").startsWith("Quiz question") || c.param("text").startsWith("Practice question"))
        .toList();
  }

  Posted awaitQuestion(String channel, int nth) {
    Call call = api.await("chat.postMessage", c -> channel.equals(c.param("channel"))
        && (c.param("text").startsWith("Quiz question") || c.param("text").startsWith("Practice question")), nth, WAIT)
        .get(nth - 1);
    return posted(call);
  }

  Posted posted(Call call) {
    JsonNode blocks = call.json("blocks");
    String shown = blocks.toString();
    QuizQuestion question = tutor.quizBank().questions().stream()
        .filter(q -> shown.contains(SafeText.neutralize(q.text()).replace("\"", "\\\"")))
        .findFirst().orElseThrow(() -> new AssertionError("no bank question in " + shown));
    List<JsonNode> buttons = new ArrayList<>();
    for (JsonNode block : blocks) {
      if ("actions".equals(block.path("type").asText())) {
        block.path("elements").forEach(buttons::add);
      }
    }
    return new Posted(call, api.reply(call).path("ts").asText(), question, buttons);
  }

  List<Call> ephemeralsTo(String user) {
    return api.calls("chat.postEphemeral").stream().filter(c -> user.equals(c.param("user"))).toList();
  }

  Call awaitResponse(String respond) {
    return api.await(respond, 1, WAIT).get(0);
  }

  Call awaitUpdateOf(String channel, int count) {
    return api.await("chat.update", c -> channel.equals(c.param("channel")), count, WAIT).get(count - 1);
  }
}
