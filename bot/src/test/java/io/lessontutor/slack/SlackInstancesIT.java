package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.EchoingAnswerer;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackRequestSigner;
import io.lessontutor.slack.testing.SlackTestTutor;
import io.lessontutor.store.FaultyLink;
import io.lessontutor.store.TestDatabases;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the Slack app in HTTP mode on one PostgreSQL database, behind one fake Slack:
 * a delivery and its retry reaching different instances, and questions asked while the database
 * is out of reach.
 */
class SlackInstancesIT {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final Duration QUIET = Duration.ofMillis(500);
  static final String CHANNEL = "C0GENERAL";
  static final Map<String, String> RETRY = Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout");

  @TempDir Path dataDir;

  final LessonLibrary library = SlackTestTutor.library();
  final EchoingAnswerer answerer = new EchoingAnswerer(library);
  final HttpClient http = HttpClient.newHttpClient();
  final SlackRequestSigner signer = new SlackRequestSigner(SlackTestTutor.SIGNING_SECRET);
  final List<Instance> instances = new ArrayList<>();
  FakeSlackApi api;

  record Instance(Tutor tutor, SlackApp slack, SlackHttpServer server) {}

  @BeforeEach
  void fakeSlack() throws Exception {
    api = new FakeSlackApi();
  }

  @AfterEach
  void stop() {
    for (Instance instance : instances) {
      instance.server().close();
      instance.slack().close();
      instance.tutor().close();
    }
    api.close();
  }

  Instance instance(String databaseUrl) throws Exception {
    TutorConfig config = SlackTestTutor.config(dataDir, api, Map.of(TutorConfig.DATABASE_URL, databaseUrl));
    Tutor tutor = SlackTestTutor.create(config, library, answerer);
    SlackApp slack = SlackApp.build(tutor, List.of());
    SlackHttpServer server = SlackHttpServer.start(slack.app(),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), slack.health());
    Instance instance = new Instance(tutor, slack, server);
    instances.add(instance);
    return instance;
  }

  CompletableFuture<HttpResponse<String>> send(Instance to, String body, Map<String, String> headers) {
    long ts = SlackRequestSigner.now();
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + to.server().port() + SlackHttpServer.EVENTS_PATH))
        .header("Content-Type", "application/json")
        .header("X-Slack-Request-Timestamp", String.valueOf(ts))
        .header("X-Slack-Signature", signer.sign(ts, body))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(Instance from, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + from.server().port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Asks /healthz until it answers 200, for up to {@link #WAIT}; returns the last status. */
  int awaitHealthy(Instance instance) throws Exception {
    long giveUp = System.nanoTime() + WAIT.toNanos();
    int status;
    do {
      status = get(instance, SlackHttpServer.HEALTH_PATH).statusCode();
      if (status != 200) {
        Thread.sleep(100);
      }
    } while (status != 200 && System.nanoTime() < giveUp);
    return status;
  }

  static String mention(int n) {
    return SlackPayloads.appMention("Ev" + n, CHANNEL, "U" + n, "100.0000" + (10 + n), null,
        "<@" + FakeSlackApi.BOT_USER_ID + "> What is LoRA, question " + n + "?");
  }

  List<Call> answers() {
    return api.calls("chat.postMessage").stream().filter(c -> c.param("text").contains("What is LoRA")).toList();
  }

  @Test
  void a_delivery_and_its_retry_reaching_two_instances_at_the_same_moment_are_answered_once() throws Exception {
    String url = TestDatabases.freshPostgres();
    Instance a = instance(url);
    Instance b = instance(url);
    int pairs = 30;
    List<CompletableFuture<HttpResponse<String>>> acks = new ArrayList<>();
    for (int n = 0; n < pairs; n++) {
      acks.add(send(a, mention(n), Map.of()));
      acks.add(send(b, mention(n), RETRY));
    }
    for (var ack : acks) {
      assertThat(ack.get().statusCode()).isEqualTo(200);
    }
    api.await("chat.postMessage", pairs, WAIT);
    api.quietFor(QUIET);
    assertThat(answers()).hasSize(pairs);
    assertThat(answers()).extracting(c -> c.param("thread_ts")).doesNotHaveDuplicates();
  }

  @Test
  void questions_asked_while_the_database_is_down_are_answered_once_and_health_says_why() throws Exception {
    String server = TestDatabases.freshPostgres();
    try (FaultyLink link = new FaultyLink(server)) {
      Instance a = instance(link.route(server));
      Instance b = instance(server);
      assertThat(get(a, SlackHttpServer.HEALTH_PATH).statusCode()).isEqualTo(200);

      link.cut();
      HttpResponse<String> health = get(a, SlackHttpServer.HEALTH_PATH);
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).startsWith("database unavailable:");
      assertThat(get(a, SlackHttpServer.LIVENESS_PATH).statusCode()).isEqualTo(200);

      int asked = 5;
      for (int n = 0; n < asked; n++) {
        assertThat(send(a, mention(n), Map.of()).get().statusCode()).isEqualTo(200);
      }
      api.await("chat.postMessage", c -> c.param("text").contains("What is LoRA"), asked, WAIT);
      assertThat(send(a, mention(0), RETRY).get().statusCode()).as("a retry during the outage").isEqualTo(200);
      List<Call> notes = api.await("chat.postMessage", c -> Answering.OFFLINE_NOTE.equals(c.param("text")), asked, WAIT);
      assertThat(notes).extracting(c -> c.param("thread_ts")).doesNotHaveDuplicates();

      link.restore();
      assertThat(awaitHealthy(a)).as("healthy again once its pool reconnects").isEqualTo(200);
      // The next delivery on the instance writes down what it took on while offline ...
      send(a, mention(asked), Map.of()).get();
      api.await("chat.postMessage", c -> c.param("text").contains("question " + asked + "?"), 1, WAIT);
      // ... so retries of those questions reaching the other instance now are recognised.
      for (int n = 0; n < asked; n++) {
        send(b, mention(n), RETRY).get();
      }
      api.quietFor(QUIET);
      assertThat(answers()).hasSize(asked + 1);
      assertThat(answers()).extracting(c -> c.param("thread_ts")).doesNotHaveDuplicates();
    }
  }
}
