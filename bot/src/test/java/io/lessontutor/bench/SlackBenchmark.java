package io.lessontutor.bench;

import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.slack.SlackApp;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackRequestSigner;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The Slack front end under load, in HTTP mode against the fake Web API on loopback: ack latency
 * (signed POST to /slack/events until Slack would have its 200) and time until the answer reached
 * chat.postMessage, with 1 and with 50 questions in flight. Every question is also delivered a
 * second time as Slack's retry; a sender waits for its answer before asking again, so "N in flight"
 * means N questions being answered at once, so "answered exactly once" counts real de-duplication.
 * Baseline: a GET /healthz on the same server (the floor of one loopback round trip) and the targets.
 *
 * <p>Run: {@code scripts/bench slack} (or this class's main from the test class path).
 */
public final class SlackBenchmark {

  static final int QUESTIONS = Integer.getInteger("bench.questions", 200);
  static final int WARMUP = 30;
  static final double TARGET_P99_ACK_MS = 100;

  public static void main(String[] args) throws Exception {
    Path dataDir = Files.createTempDirectory("slack-bench");
    try (FakeSlackApi api = new FakeSlackApi()) {
      TutorConfig config = SlackTestTutor.config(dataDir, api);
      // the real tutor: time to answer includes retrieval and the answer itself
      Tutor tutor = SlackTestTutor.real(config);
      try (SlackApp slack = SlackApp.build(tutor, List.of());
          SlackHttpServer server = SlackHttpServer.start(slack.app(),
              new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
        Bench bench = new Bench(api, server.port());
        bench.round("warm-up", WARMUP, 8);
        double[] health = bench.healthBaseline(200);
        Result one = bench.round("1 in flight", QUESTIONS, 1);
        Result fifty = bench.round("50 in flight", QUESTIONS, 50);

        System.out.println();
        System.out.printf("Slack front end, HTTP mode, fake Web API on loopback, %d questions per row, each also retried once%n",
            QUESTIONS);
        System.out.printf("%-14s %10s %10s %12s %12s %16s%n", "", "ack p50", "ack p99", "answer p50", "answer p99",
            "answered once");
        System.out.printf("%-14s %8.1fms %8.1fms %12s %12s %16s%n", "baseline*", health[0], health[1], "-", "-", "-");
        System.out.printf("%-14s %10s %8.0fms %12s %12s %16s%n", "target", "-", TARGET_P99_ACK_MS, "-", "-",
            "all");
        for (Result r : List.of(one, fifty)) {
          System.out.printf("%-14s %8.1fms %8.1fms %10.1fms %10.1fms %9d / %-5d%n", r.name, r.ackP50, r.ackP99,
              r.answerP50, r.answerP99, r.exactlyOnce, r.questions);
        }
        System.out.printf("auth.test calls during the timed rows: %d%n", bench.authTests);
        System.out.println("* baseline: GET /healthz on the same server, one loopback round trip, p50 and p99");
        boolean ok = one.ackP99 < TARGET_P99_ACK_MS && fifty.ackP99 < TARGET_P99_ACK_MS
            && one.exactlyOnce == one.questions && fifty.exactlyOnce == fifty.questions;
        System.out.println(ok ? "targets met" : "TARGETS MISSED");
      }
    }
    System.exit(0); // the HTTP client's threads would keep the JVM alive
  }

  record Result(String name, int questions, double ackP50, double ackP99, double answerP50, double answerP99,
      int exactlyOnce) {}

  /** Posts a signed JSON body as Slack would; returns the milliseconds until the ack. Anything but 200 throws. */
  static double signedPost(HttpClient http, SlackRequestSigner signer, URI uri, String body, Map<String, String> headers)
      throws Exception {
    long ts = SlackRequestSigner.now();
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("X-Slack-Request-Timestamp", String.valueOf(ts))
        .header("X-Slack-Signature", signer.sign(ts, body))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    long start = System.nanoTime();
    HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    double millis = (System.nanoTime() - start) / 1e6;
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Slack request refused: HTTP " + response.statusCode());
    }
    return millis;
  }

  static final class Bench {
    private final FakeSlackApi api;
    private final URI events;
    private final URI health;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(64)).build();
    private final SlackRequestSigner signer = new SlackRequestSigner(SlackTestTutor.SIGNING_SECRET);
    private int sequence;
    int authTests;

    Bench(FakeSlackApi api, int port) {
      this.api = api;
      this.events = URI.create("http://127.0.0.1:" + port + "/slack/events");
      this.health = URI.create("http://127.0.0.1:" + port + "/healthz");
    }

    double[] healthBaseline(int n) throws Exception {
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long start = System.nanoTime();
        http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding());
        millis.add((System.nanoTime() - start) / 1e6);
      }
      return new double[] {percentile(millis, 50), percentile(millis, 99)};
    }

    Result round(String name, int questions, int inFlight) throws Exception {
      api.clear();
      Map<String, Long> sentAt = new ConcurrentHashMap<>();
      List<Double> acks = Collections.synchronizedList(new ArrayList<>());
      ExecutorService senders = Executors.newFixedThreadPool(inFlight);
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < questions; i++) {
        int n = ++sequence;
        String ts = "1700000000." + String.format("%06d", n);
        String body = SlackPayloads.appMention("EvBench" + n, "CBENCH", "UBENCH", ts, null,
            "<@" + FakeSlackApi.BOT_USER_ID + "> What is LoRA? (" + n + ")");
        sent.add(senders.submit(() -> {
          sentAt.put(ts, System.nanoTime());
          acks.add(post(body, Map.of()));
          post(body, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));
          // A question stays in flight until its answer is posted.
          api.await("chat.postMessage", c -> ts.equals(c.param("thread_ts")), 1, Duration.ofSeconds(60));
          return null;
        }));
      }
      for (Future<?> f : sent) {
        f.get();
      }
      senders.shutdown();
      api.await("chat.postMessage", questions, Duration.ofSeconds(120));
      api.quietFor(Duration.ofMillis(500)); // any second answer would arrive now

      authTests += api.calls("auth.test").size();
      Map<String, List<FakeSlackApi.Call>> byThread = api.calls("chat.postMessage").stream()
          .collect(Collectors.groupingBy(c -> c.param("thread_ts")));
      List<Double> answers = new ArrayList<>();
      int exactlyOnce = 0;
      for (var entry : sentAt.entrySet()) {
        List<FakeSlackApi.Call> posts = byThread.getOrDefault(entry.getKey(), List.of());
        if (posts.size() == 1) {
          exactlyOnce++;
          answers.add((posts.get(0).atNanos() - entry.getValue()) / 1e6);
        }
      }
      return new Result(name, questions, percentile(acks, 50), percentile(acks, 99), percentile(answers, 50),
          percentile(answers, 99), exactlyOnce);
    }

    private double post(String body, Map<String, String> headers) throws Exception {
      return signedPost(http, signer, events, body, headers);
    }
  }

  static double percentile(List<Double> values, int p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
