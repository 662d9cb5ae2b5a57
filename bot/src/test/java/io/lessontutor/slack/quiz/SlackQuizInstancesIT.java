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
import io.lessontutor.slack.testing.EchoingAnswerer;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackRequestSigner;
import io.lessontutor.slack.testing.SlackTestTutor;
import io.lessontutor.store.TestDatabases;
import io.lessontutor.store.TestDatabases.Kind;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two Slack app instances in HTTP mode on one database, behind one fake Slack: a round started on
 * one, taps arriving at both around the deadline. What people were told privately must match what
 * the reveal says.
 */
class SlackQuizInstancesIT {

  static final int REPETITIONS = 10;
  static final int PEOPLE = 8;
  static final Duration QUESTION_TIME = Duration.ofMillis(400);
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dataDir;

  final HttpClient http = HttpClient.newHttpClient();
  final SlackRequestSigner signer = new SlackRequestSigner(SlackTestTutor.SIGNING_SECRET);
  final List<Tutor> tutors = new ArrayList<>();
  final List<SlackApp> apps = new ArrayList<>();
  final List<SlackHttpServer> servers = new ArrayList<>();
  FakeSlackApi api;

  @AfterEach
  void stop() {
    servers.forEach(SlackHttpServer::close);
    apps.forEach(SlackApp::close);
    tutors.forEach(Tutor::close);
    if (api != null) {
      api.close();
    }
  }

  void instance(String databaseUrl) throws Exception {
    Tutor tutor = SlackTestTutor.create(
        SlackTestTutor.config(dataDir, api, Map.of(TutorConfig.DATABASE_URL, databaseUrl)),
        SlackTestTutor.library(), new EchoingAnswerer(SlackTestTutor.library()));
    SlackQuiz quiz = new SlackQuiz(new QuizService(tutor.quizBank(), tutor.database(), RoundListener.NONE,
        new QuizSettings(QUESTION_TIME, Duration.ZERO, 1), Clock.systemUTC()));
    SlackApp slack = SlackApp.build(tutor, List.<SlackFeature>of(quiz));
    tutors.add(tutor);
    apps.add(slack);
    servers.add(SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
  }

  HttpResponse<String> post(int instance, String body) throws Exception {
    long ts = SlackRequestSigner.now();
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + servers.get(instance).port() + SlackHttpServer.EVENTS_PATH))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", String.valueOf(ts))
        .header("X-Slack-Signature", signer.sign(ts, body))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lessontutor.store.TestDatabases#kinds")
  void taps_on_both_instances_around_the_deadline_are_locked_in_exactly_when_the_reveal_counts_them(Kind kind)
      throws Exception {
    String url = TestDatabases.url(kind, dataDir);
    api = new FakeSlackApi();
    instance(url);
    instance(url);
    int lockedInTotal = 0;
    for (int rep = 0; rep < REPETITIONS; rep++) {
      String channel = "CRACE" + rep;
      post(rep % 2, SlackPayloads.slashCommand(SlackQuiz.COMMAND, "1", "UHOST", channel, api.url() + "respond/" + rep));
      Call question = api.await("chat.postMessage", c -> channel.equals(c.param("channel"))
          && c.param("text").startsWith("Quiz question"), 1, WAIT).get(0);
      long postedAt = System.currentTimeMillis();
      JsonNode blocks = question.json("blocks");
      QuizQuestion asked = tutors.get(0).quizBank().questions().stream()
          .filter(q -> blocks.toString().contains(SafeText.neutralize(q.text()).replace("\"", "\\\"")))
          .findFirst().orElseThrow();
      List<JsonNode> buttons = new ArrayList<>();
      blocks.forEach(b -> {
        if ("actions".equals(b.path("type").asText())) {
          b.path("elements").forEach(buttons::add);
        }
      });
      String ts = api.reply(question).path("ts").asText();

      // Taps from 80 ms before the deadline (as this test sees it) to 40 ms after, half on each instance.
      long deadline = postedAt + QUESTION_TIME.toMillis();
      List<CompletableFuture<HttpResponse<String>>> taps = new ArrayList<>();
      for (int p = 0; p < PEOPLE; p++) {
        String user = "UP" + rep + "X" + p;
        JsonNode button = buttons.get(p % 3 == 0 ? (asked.answer() + 1) % buttons.size() : asked.answer());
        int via = p % 2;
        long at = deadline - 80 + p * 15L;
        taps.add(CompletableFuture.supplyAsync(() -> {
          try {
            Thread.sleep(Math.max(0, at - System.currentTimeMillis()));
            return post(via, SlackPayloads.interactivityForm(SlackPayloads.blockAction(
                button.path("action_id").asText(), button.path("value").asText(), user, channel, ts, null)));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      for (var tap : taps) {
        assertThat(tap.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      String reveal = api.await("chat.update", c -> channel.equals(c.param("channel")), 1, WAIT).get(0)
          .json("blocks").toString();
      List<Call> told = api.await("chat.postEphemeral", c -> channel.equals(c.param("channel")), PEOPLE, WAIT);
      int lockedIn = 0;
      for (Call note : told) {
        String user = note.param("user");
        boolean locked = note.param("text").startsWith("Locked in: ");
        boolean right = note.param("text").startsWith("Locked in: *" + QuizMessages.letter(asked.answer()) + "*");
        lockedIn += locked ? 1 : 0;
        assertThat(reveal.contains("<@" + user + ">")).as("repetition %d: %s named in the reveal", rep, user)
            .isEqualTo(right);
      }
      String answers = lockedIn == 1 ? "1 answer" : lockedIn + " answers";
      if (lockedIn > 0) {
        assertThat(reveal).as("repetition %d: the reveal's count", rep).contains(answers);
      }
      lockedInTotal += lockedIn;
    }
    assertThat(lockedInTotal).isPositive().isLessThan(REPETITIONS * PEOPLE);
  }
}
