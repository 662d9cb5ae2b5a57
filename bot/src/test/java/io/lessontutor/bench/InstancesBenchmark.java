package io.lessontutor.bench;

import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.quiz.AnswerResult;
import io.lessontutor.quiz.AskedQuestion;
import io.lessontutor.quiz.QuizService;
import io.lessontutor.quiz.QuizSettings;
import io.lessontutor.quiz.RevealedQuestion;
import io.lessontutor.quiz.RoundListener;
import io.lessontutor.quiz.RoundResult;
import io.lessontutor.slack.SlackApp;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackRequestSigner;
import io.lessontutor.slack.testing.SlackTestTutor;
import io.lessontutor.store.TestDatabases;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Several instances on one database, in HTTP mode behind one fake Slack: one and two instances on
 * PostgreSQL, one on SQLite. Questions (the real tutor) with 50 in flight, each delivered to one
 * instance and retried to the next: questions per second, ack p50/p99, and how many were answered
 * exactly once. Then a quiz question in the last second before its deadline, tapped by 32 people
 * at once through all instances: taps handled per second, and whether every tap told "locked in"
 * was in the reveal.
 *
 * <p>Run: {@code scripts/bench instances} (it starts the PostgreSQL test server with
 * {@code scripts/postgres start}; {@value TestDatabases#POSTGRES_URL} names it).
 */
public final class InstancesBenchmark {

  static final int QUESTIONS = Integer.getInteger("bench.questions", 200);
  static final int IN_FLIGHT = 50;
  static final int TAPPERS = 32;
  static final Duration TAP_WINDOW = Duration.ofSeconds(1);

  record Row(String name, double questionsPerSecond, double ackP50, double ackP99, int exactlyOnce, int questions,
      double tapsPerSecond, int lockedIn, int inReveal) {}

  public static void main(String[] args) throws Exception {
    List<Row> rows = new ArrayList<>();
    rows.add(run("PostgreSQL, 1 instance", TestDatabases.freshPostgres(), 1));
    rows.add(run("PostgreSQL, 2 instances", TestDatabases.freshPostgres(), 2));
    Path dir = Files.createTempDirectory("instances-bench");
    rows.add(run("SQLite, 1 instance", "jdbc:sqlite:" + dir.resolve("tutor.db"), 1));

    System.out.println();
    System.out.printf("Instances on one database, HTTP mode, fake Web API on loopback, real tutor;"
        + " %d questions, %d in flight, each retried to the next instance%n", QUESTIONS, IN_FLIGHT);
    System.out.printf("%-24s %12s %9s %9s %15s %14s %22s%n", "", "questions/s", "ack p50", "ack p99",
        "answered once", "taps/s*", "locked in / in reveal");
    for (Row r : rows) {
      System.out.printf("%-24s %12.1f %7.1fms %7.1fms %9d / %-4d %14.0f %12d / %-8d%n", r.name, r.questionsPerSecond,
          r.ackP50, r.ackP99, r.exactlyOnce, r.questions, r.tapsPerSecond, r.lockedIn, r.inReveal);
    }
    System.out.printf("* taps handled (counted, already answered or too late) per second by %d people tapping"
        + " through all instances in the last %d ms before a question's deadline%n", TAPPERS, TAP_WINDOW.toMillis());
    System.exit(0); // the HTTP client's threads would keep the JVM alive
  }

  static Row run(String name, String databaseUrl, int count) throws Exception {
    Path dataDir = Files.createTempDirectory("instances-bench");
    List<Tutor> tutors = new ArrayList<>();
    List<SlackApp> apps = new ArrayList<>();
    List<SlackHttpServer> servers = new ArrayList<>();
    try (FakeSlackApi api = new FakeSlackApi()) {
      for (int i = 0; i < count; i++) {
        TutorConfig config = SlackTestTutor.config(dataDir, api, Map.of(TutorConfig.DATABASE_URL, databaseUrl));
        Tutor tutor = SlackTestTutor.real(config);
        SlackApp slack = SlackApp.build(tutor, List.of());
        tutors.add(tutor);
        apps.add(slack);
        servers.add(SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            slack.health()));
      }
      Questions questions = new Questions(api, servers.stream().map(SlackHttpServer::port).toList());
      questions.round(30, 8); // warm-up
      Row asked = questions.round(QUESTIONS, IN_FLIGHT);
      Taps taps = tapAtTheDeadline(tutors);
      return new Row(name, asked.questionsPerSecond(), asked.ackP50(), asked.ackP99(), asked.exactlyOnce(),
          asked.questions(), taps.perSecond, taps.lockedIn, taps.inReveal);
    } finally {
      servers.forEach(SlackHttpServer::close);
      apps.forEach(SlackApp::close);
      tutors.forEach(Tutor::close);
    }
  }

  record Taps(double perSecond, int lockedIn, int inReveal) {}

  /** One question with a 3 s deadline; {@value #TAPPERS} people tap through all instances in its last second. */
  static Taps tapAtTheDeadline(List<Tutor> tutors) throws Exception {
    BlockingQueue<AskedQuestion> asked = new LinkedBlockingQueue<>();
    BlockingQueue<RevealedQuestion> revealed = new LinkedBlockingQueue<>();
    RoundListener listener = new RoundListener() {
      @Override
      public String questionAsked(AskedQuestion q) {
        asked.add(q);
        return null;
      }

      @Override
      public void questionRevealed(RevealedQuestion r) {
        revealed.add(r);
      }

      @Override
      public void roundFinished(RoundResult result) {}
    };
    List<QuizService> quizzes = new ArrayList<>();
    for (Tutor tutor : tutors) {
      QuizService quiz = new QuizService(tutor.quizBank(), tutor.database(), listener,
          new QuizSettings(Duration.ofSeconds(3), Duration.ZERO, 1), Clock.systemUTC());
      quiz.resumeOpenRounds();
      quizzes.add(quiz);
    }
    ExecutorService people = Executors.newFixedThreadPool(TAPPERS);
    try {
      quizzes.get(0).startRound("CTAPS", "host", 1);
      AskedQuestion q = asked.poll(10, TimeUnit.SECONDS);
      long deadline = q.deadline().toEpochMilli();
      long from = deadline - TAP_WINDOW.toMillis();
      Thread.sleep(Math.max(0, from - System.currentTimeMillis()));
      AtomicInteger handled = new AtomicInteger();
      Map<String, Boolean> lockedIn = new ConcurrentHashMap<>();
      List<Future<?>> tapping = new ArrayList<>();
      for (int p = 0; p < TAPPERS; p++) {
        QuizService via = quizzes.get(p % quizzes.size());
        int person = p;
        tapping.add(people.submit(() -> {
          // Each tap is a new person until the question closes, so every tap is written.
          for (int n = 0; System.currentTimeMillis() <= deadline + 50; n++) {
            String user = "U" + person + "-" + n;
            AnswerResult result = via.answer(q.roundId(), 1, user, q.question().answer());
            handled.incrementAndGet();
            if (result instanceof AnswerResult.Counted) {
              lockedIn.put(user, true);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : tapping) {
        f.get();
      }
      double seconds = (System.currentTimeMillis() - from) / 1000.0;
      RevealedQuestion reveal = revealed.poll(10, TimeUnit.SECONDS);
      return new Taps(handled.get() / seconds, lockedIn.size(), reveal == null ? -1 : reveal.answers());
    } finally {
      people.shutdownNow();
      quizzes.forEach(QuizService::close);
    }
  }

  /** Questions spread over the instances, each retried to the next one. */
  static final class Questions {
    private final FakeSlackApi api;
    private final List<URI> events;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(64)).build();
    private final SlackRequestSigner signer = new SlackRequestSigner(SlackTestTutor.SIGNING_SECRET);
    private int sequence;

    Questions(FakeSlackApi api, List<Integer> ports) {
      this.api = api;
      this.events = ports.stream().map(p -> URI.create("http://127.0.0.1:" + p + SlackHttpServer.EVENTS_PATH)).toList();
    }

    Row round(int questions, int inFlight) throws Exception {
      api.clear();
      Map<String, Boolean> sent = new ConcurrentHashMap<>();
      List<Double> acks = Collections.synchronizedList(new ArrayList<>());
      ExecutorService senders = Executors.newFixedThreadPool(inFlight);
      List<Future<?>> work = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < questions; i++) {
        int n = ++sequence;
        String ts = "1700000000." + String.format("%06d", n);
        String body = SlackPayloads.appMention("EvInst" + n, "CBENCH", "UBENCH", ts, null,
            "<@" + FakeSlackApi.BOT_USER_ID + "> What is LoRA? (" + n + ")");
        URI first = events.get(n % events.size());
        URI retry = events.get((n + 1) % events.size());
        work.add(senders.submit(() -> {
          sent.put(ts, true);
          acks.add(post(first, body, Map.of()));
          post(retry, body, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));
          api.await("chat.postMessage", c -> ts.equals(c.param("thread_ts")), 1, Duration.ofSeconds(60));
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      senders.shutdown();
      api.quietFor(Duration.ofMillis(500)); // any second answer would arrive now
      Map<String, Long> answersPerThread = api.calls("chat.postMessage").stream()
          .collect(Collectors.groupingBy(c -> c.param("thread_ts"), Collectors.counting()));
      int once = (int) sent.keySet().stream().filter(ts -> answersPerThread.getOrDefault(ts, 0L) == 1).count();
      return new Row("", questions / seconds, SlackBenchmark.percentile(acks, 50), SlackBenchmark.percentile(acks, 99),
          once, questions, 0, 0, 0);
    }

    private double post(URI uri, String body, Map<String, String> headers) throws Exception {
      return SlackBenchmark.signedPost(http, signer, uri, body, headers);
    }
  }
}
