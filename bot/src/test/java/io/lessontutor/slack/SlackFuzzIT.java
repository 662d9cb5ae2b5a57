package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.slack.checklist.ChecklistFeature;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.quiz.SlackQuiz;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackRequestSigner;
import io.lessontutor.slack.testing.SlackTestTutor;
import io.lessontutor.slack.views.AnswerMessage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzzer against the real Bolt app over HTTP, with the real tutor and every feature:
 * thousands of correctly signed requests of every kind Slack sends (events, slash commands, block
 * actions, view submissions, and the rest), each built from one of the real payloads in
 * {@code shared/slack-samples} and then mutated (fields dropped, nulled, of the wrong type, huge
 * numbers, deep nesting, bodies cut mid-escape, wrong content types, replays). Nothing may get a
 * 5xx, no ack may take 3 s, the log stays small, and afterwards an ordinary question is answered.
 */
class SlackFuzzIT {

  static final long SEED = Long.getLong("tutor.fuzz.seed", 20261201L);
  static final int REQUESTS = Integer.getInteger("tutor.fuzz.requests", 2_400);
  static final int CLIENTS = 8;
  static final Path SAMPLES = Path.of(System.getProperty("tutor.samples.dir", "../../shared/slack-samples"));
  /**
   * Bounds on what the whole run may write to the log: a few hundred lines in practice (one per
   * kind of refusal every 10 s, plus the work the accepted requests set off), where a stack trace
   * per bad request used to write thousands of lines and megabytes.
   */
  static final int MAX_LOG_LINES = 1_000;
  static final int MAX_LOG_BYTES = 250_000;

  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> OUR_ACTIONS = List.of(AnswerMessage.HELPFUL, AnswerMessage.NOT_HELPFUL,
      AnswerMessage.SHOW_PASSAGE, ChecklistFeature.RUN_AGAIN, ChecklistFeature.OPEN_FROM_HOME,
      "tutor_quiz_answer_0", "tutor_quiz_answer_2", "tutor_quiz_solo_1", "tutor_quiz_home_practice",
      "tutor_home_ask_0", AnswerMessage.RUN_CHECKLIST, "tutor_checklist_show_all_reasons", "tutor_checklist_answer",
      ChecklistFeature.RETRY_OPEN);
  static final List<String> OUR_COMMANDS = List.of(ChecklistFeature.COMMAND, SlackQuiz.COMMAND);
  static final List<String> OUR_EVENTS = List.of("app_mention", "message", "app_home_opened",
      "assistant_thread_started", "reaction_added");
  static final List<String> PLAUSIBLE_IDS = List.of("C0FUZZ", "D0FUZZ", "UFUZZ", FakeSlackApi.BOT_USER_ID,
      FakeSlackApi.TEAM_ID, "1700000000.000100", "123.456.abc");

  @TempDir Path dataDir;

  enum Kind { EVENT, INTERACTION, COMMAND, FORM }

  /** How often each kind is drawn: events, interactivity and commands alike, other forms (ssl_check) less. */
  static final List<Kind> KINDS = List.of(Kind.EVENT, Kind.EVENT, Kind.INTERACTION, Kind.INTERACTION, Kind.COMMAND,
      Kind.COMMAND, Kind.FORM);

  /** A request body as Slack would send it, before mutation. */
  record Sample(String name, Kind kind, JsonNode json, Map<String, String> form) {}

  /** One request on the wire. */
  record Sent(String body, String contentType, long timestamp, String signature) {}

  @Test
  void thousands_of_mutated_signed_requests_get_no_5xx_no_slow_ack_and_a_small_log_and_the_tutor_still_answers()
      throws Exception {
    List<Sample> samples = samples();
    assertThat(samples).hasSizeGreaterThanOrEqualTo(170);
    Map<Kind, List<Sample>> byKind = new java.util.EnumMap<>(Kind.class);
    samples.forEach(s -> byKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s));

    try (FakeSlackApi api = new FakeSlackApi()) {
      TutorConfig config = SlackTestTutor.config(dataDir, api,
          Map.of(TutorConfig.RETRIEVAL, "bm25", TutorConfig.QUIZ_SECONDS, "5"));
      Tutor tutor = SlackTestTutor.real(config);
      SlackApp slack = SlackApp.build(tutor, SlackFeatures.all(tutor));
      SlackHttpServer server = SlackHttpServer.start(slack.app(),
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      URI endpoint = URI.create("http://127.0.0.1:" + server.port() + "/slack/events");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      SlackRequestSigner signer = new SlackRequestSigner(SlackTestTutor.SIGNING_SECRET);

      Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
      Map<String, String> fiveHundreds = new ConcurrentHashMap<>();
      LongAccumulator slowestMillis = new LongAccumulator(Math::max, 0);
      Map<String, AtomicLong> kinds = new ConcurrentHashMap<>();
      CountingStream log = new CountingStream(System.err);
      PrintStream originalErr = System.err;
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      try {
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        List<Future<?>> done = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
          Random random = new Random(SEED + client);
          int share = REQUESTS / CLIENTS;
          done.add(clients.submit(() -> {
            Sent previous = null;
            for (int i = 0; i < share; i++) {
              // each kind gets its share, however many samples it has
              List<Sample> ofKind = byKind.get(KINDS.get(random.nextInt(KINDS.size())));
              Sample sample = ofKind.get(random.nextInt(ofKind.size()));
              kinds.computeIfAbsent(label(sample), k -> new AtomicLong()).incrementAndGet();
              Sent sent = previous != null && random.nextInt(20) == 0
                  ? previous // a replay: the same body, timestamp and signature again
                  : sign(signer, mutate(sample, random), random);
              previous = sent;
              long start = System.nanoTime();
              HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", sent.contentType())
                  .header("X-Slack-Request-Timestamp", String.valueOf(sent.timestamp()))
                  .header("X-Slack-Signature", sent.signature())
                  .POST(HttpRequest.BodyPublishers.ofString(sent.body()))
                  .build(), HttpResponse.BodyHandlers.ofString());
              slowestMillis.accumulate((System.nanoTime() - start) / 1_000_000);
              statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
              if (response.statusCode() >= 500) {
                fiveHundreds.putIfAbsent(sample.name(), sent.body().substring(0, Math.min(300, sent.body().length())));
              }
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        clients.shutdownNow();
        System.setErr(originalErr);
      }

      long sentCount = statuses.values().stream().mapToLong(AtomicLong::get).sum();
      System.out.printf("fuzz: seed %d, %d requests (%s), statuses %s, slowest ack %d ms, log %d lines / %d bytes%n",
          SEED, sentCount, new TreeMap<>(kinds), new TreeMap<>(statuses), slowestMillis.get(), log.lines(), log.bytes());

      assertThat(sentCount).isGreaterThanOrEqualTo(2_000);
      assertThat(kinds.keySet()).contains("event", "command", "block_actions", "view_submission");
      assertThat(fiveHundreds).as("requests answered with 5xx, by sample").isEmpty();
      assertThat(slowestMillis.get()).as("slowest ack, ms").isLessThan(3_000);
      assertThat(log.lines()).as("log lines").isLessThanOrEqualTo(MAX_LOG_LINES);
      assertThat(log.bytes()).as("log bytes").isLessThanOrEqualTo(MAX_LOG_BYTES);

      // Still alive and still itself: healthy, and an ordinary question gets a lesson answer.
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      api.clear();
      String mention = SlackPayloads.appMention("EvAfterFuzz", "C0AFTER", "UASKER", "1800000000.000001", null,
          "<@" + FakeSlackApi.BOT_USER_ID + "> What is LoRA?");
      Sent question = sign(signer, mention, "application/json");
      assertThat(post(http, endpoint, question).statusCode()).isEqualTo(200);
      FakeSlackApi.Call answer = api.await("chat.postMessage", c -> "C0AFTER".equals(c.param("channel")), 1,
          Duration.ofSeconds(20)).get(0);
      assertThat(answer.param("text")).containsIgnoringCase("LoRA").containsIgnoringCase("parameter-efficient");

      server.close();
      slack.close();
    }
  }

  // --- samples --------------------------------------------------------------------------------

  /** What the sample is, for the figures: event, command, the interactivity type, or form. */
  static String label(Sample sample) {
    return switch (sample.kind()) {
      case EVENT -> "event";
      case COMMAND -> "command";
      case FORM -> "form";
      case INTERACTION -> sample.json().path("type").asText("interaction");
    };
  }

  static List<Sample> samples() throws Exception {
    List<Sample> samples = new ArrayList<>();
    try (Stream<Path> files = Files.list(SAMPLES)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        String text = Files.readString(file);
        if (name.endsWith(".form")) {
          Map<String, String> form = formOf(text);
          samples.add(new Sample(name, form.containsKey("command") ? Kind.COMMAND : Kind.FORM, null, form));
        } else if (name.endsWith(".json")) {
          JsonNode json = JSON.readTree(text);
          if (json.has("command")) {
            Map<String, String> form = new LinkedHashMap<>();
            json.fields().forEachRemaining(e -> form.put(e.getKey(), e.getValue().asText()));
            samples.add(new Sample(name, Kind.COMMAND, null, form));
          } else if (json.has("event") || "url_verification".equals(json.path("type").asText())) {
            samples.add(new Sample(name, Kind.EVENT, json, null));
          } else {
            samples.add(new Sample(name, Kind.INTERACTION, json, null));
          }
        }
      }
    }
    return samples;
  }

  static Map<String, String> formOf(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.strip().split("&")) {
      int eq = pair.indexOf('=');
      form.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  // --- mutation -------------------------------------------------------------------------------

  /** The sample, aimed at the tutor's own listeners half of the time, with one to three mutations. */
  static Mutated mutate(Sample sample, Random random) {
    boolean ours = random.nextBoolean();
    return switch (sample.kind()) {
      case EVENT, INTERACTION -> {
        JsonNode json = sample.json().deepCopy();
        if (json instanceof ObjectNode object) {
          plausible(object, random);
          if (ours) {
            aimAtUs(object, sample.kind(), random);
          }
        }
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
          mutateTree(json, random);
        }
        String text = json.toString().replace("\"" + DEEP + "\"", deep(random));
        if (sample.kind() == Kind.EVENT) {
          yield new Mutated(raw(text, random), random.nextInt(25) == 0 ? "application/x-www-form-urlencoded" : "application/json");
        }
        String body = "payload=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
        yield new Mutated(raw(body, random), random.nextInt(25) == 0 ? "application/json" : "application/x-www-form-urlencoded");
      }
      case COMMAND, FORM -> {
        Map<String, String> form = new LinkedHashMap<>(sample.form());
        if (ours && sample.kind() == Kind.COMMAND) {
          form.put("command", pick(OUR_COMMANDS, random));
          form.put("text", pick(List.of("", "help", "history", "we have 50k labeled tickets", "stop", "leaderboard",
              "solo", "<!channel> hi", "x".repeat(5_000)), random));
        }
        plausibleForm(form, random);
        int mutations = 1 + random.nextInt(3);
        List<String> keys = new ArrayList<>(form.keySet());
        for (int i = 0; i < mutations && !keys.isEmpty(); i++) {
          String key = pick(keys, random);
          switch (random.nextInt(4)) {
            case 0 -> form.remove(key);
            case 1 -> form.put(key, "");
            case 2 -> form.put(key, pick(WEIRD_TEXT, random));
            default -> form.put(key, "1e400");
          }
        }
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
            .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        yield new Mutated(raw(body.toString(), random), random.nextInt(25) == 0 ? "application/json" : "application/x-www-form-urlencoded");
      }
    };
  }

  record Mutated(String body, String contentType) {}

  static final String DEEP = "__fuzz_deep__";
  static final List<String> WEIRD_TEXT = List.of("", " ", "<!channel>", "<@U123> <!here>", "null", "[]", "{}",
      "\u0000", "\uD83D\uDE00".repeat(50), "é", "%", "%2", "1e400", "-1", "99999999999999999999999999",
      "x".repeat(20_000), "'; DROP TABLE slack_delivery; --", "<script>", "\\u0000", "\n\n");

  static void plausible(ObjectNode root, Random random) {
    // Slack's SDK samples leave most strings blank; fill the ids so listeners get further.
    fill(root, random);
    if ("".equals(root.path("type").asText()) && root.has("event")) {
      root.put("type", "event_callback");
    }
    if (random.nextBoolean() && !root.has("event_id")) {
      root.put("event_id", "EvFuzz" + random.nextInt(1_000_000));
    }
  }

  static void fill(JsonNode node, Random random) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = field.getKey();
        JsonNode value = field.getValue();
        if (value.isTextual() && value.asText().isEmpty()) {
          if (key.equals("subtype") || key.equals("bot_id")) {
            continue; // blank there already means "a bot's" to the tutor; leave some as they are
          }
          if (key.endsWith("ts")) {
            object.put(key, "1700000000." + String.format("%06d", random.nextInt(1_000_000)));
          } else if (key.equals("user") || key.endsWith("user_id") || key.equals("id") || key.endsWith("_id")
              || key.equals("channel") || key.equals("team")) {
            object.put(key, pick(PLAUSIBLE_IDS, random));
          } else if (key.equals("text") || key.equals("value")) {
            object.put(key, pick(List.of("What is LoRA?", "hello", "quiz", "0", "A"), random));
          }
        } else {
          fill(value, random);
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(element -> fill(element, random));
    }
  }

  static void plausibleForm(Map<String, String> form, Random random) {
    form.replaceAll((k, v) -> v.isEmpty() && (k.endsWith("_id") || k.equals("trigger_id")) ? pick(PLAUSIBLE_IDS, random) : v);
    form.replaceAll((k, v) -> k.equals("response_url") ? "http://127.0.0.1:9/response" : v);
  }

  static void aimAtUs(ObjectNode root, Kind kind, Random random) {
    if (kind == Kind.EVENT && root.get("event") instanceof ObjectNode event) {
      event.put("type", pick(OUR_EVENTS, random));
      if (random.nextBoolean()) {
        event.remove("subtype");
        event.remove("bot_id");
        event.remove("bot_profile");
      }
      if (random.nextBoolean()) {
        event.put("text", "<@" + FakeSlackApi.BOT_USER_ID + "> " + pick(List.of("What is LoRA?", "quiz", "quiz me",
            "should we fine-tune?", "<!channel>"), random));
      }
      return;
    }
    String type = root.path("type").asText();
    if (type.equals("block_actions") && root.get("actions") instanceof ArrayNode actions && !actions.isEmpty()
        && actions.get(0) instanceof ObjectNode action) {
      action.put("action_id", pick(OUR_ACTIONS, random));
      action.put("value", pick(List.of("0", "1", "lesson/section/1", "open", "{\"a\":1}", "", "x".repeat(3000)), random));
    } else if (type.equals("view_submission") && root.get("view") instanceof ObjectNode view) {
      view.put("callback_id", ChecklistFeature.MODAL_CALLBACK_ID);
      view.put("private_metadata", pick(List.of("", "{}", "not json", "{\"channel\":\"C0FUZZ\"}"), random));
    }
  }

  static void mutateTree(JsonNode root, Random random) {
    List<ObjectNode> objects = new ArrayList<>();
    collect(root, objects);
    if (objects.isEmpty()) {
      return;
    }
    ObjectNode parent = pick(objects, random);
    List<String> names = new ArrayList<>();
    parent.fieldNames().forEachRemaining(names::add);
    if (names.isEmpty()) {
      return;
    }
    String name = pick(names, random);
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (random.nextInt(9)) {
      case 0, 1 -> parent.remove(name);
      case 2 -> parent.putNull(name);
      case 3 -> parent.set(name, f.arrayNode());
      case 4 -> parent.set(name, f.objectNode());
      case 5 -> parent.set(name, f.numberNode(new java.math.BigInteger("123456789012345678901234567890")));
      case 6 -> parent.put(name, random.nextBoolean());
      case 7 -> parent.put(name, DEEP);
      default -> parent.put(name, pick(WEIRD_TEXT, random));
    }
  }

  static void collect(JsonNode node, List<ObjectNode> objects) {
    if (node instanceof ObjectNode object) {
      objects.add(object);
      object.elements().forEachRemaining(child -> collect(child, objects));
    } else if (node instanceof ArrayNode array) {
      array.forEach(child -> collect(child, objects));
    }
  }

  /** JSON nested a thousand deep, or a number too large for any type. */
  static String deep(Random random) {
    int depth = 1_000;
    return random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }

  /** Mutations of the body as text, after it was built: cut, cut mid-escape, junk, nothing. */
  static String raw(String body, Random random) {
    if (random.nextInt(4) != 0 || body.isEmpty()) {
      return body;
    }
    return switch (random.nextInt(6)) {
      case 0 -> body.substring(0, random.nextInt(body.length()));
      case 1 -> {
        int escape = body.indexOf('%', random.nextInt(body.length()));
        yield escape < 0 ? body + "%2" : body.substring(0, escape) + "%2";
      }
      case 2 -> {
        int at = random.nextInt(body.length());
        yield body.substring(0, at) + pick(List.of("{", "\"", "%", "\u0000", "&", "=", "\\"), random) + body.substring(at);
      }
      case 3 -> "";
      case 4 -> body + "garbage";
      default -> "payload=" + body;
    };
  }

  static <T> T pick(List<T> list, Random random) {
    return list.get(random.nextInt(list.size()));
  }

  // --- the wire -------------------------------------------------------------------------------

  static Sent sign(SlackRequestSigner signer, Mutated mutated, Random random) {
    return sign(signer, mutated.body(), mutated.contentType());
  }

  static Sent sign(SlackRequestSigner signer, String text, String contentType) {
    // What goes on the wire is UTF-8: a cut that split a surrogate pair becomes '?' there, so sign that.
    String body = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    long timestamp = SlackRequestSigner.now();
    return new Sent(body, contentType, timestamp, signer.sign(timestamp, body));
  }

  static HttpResponse<String> post(HttpClient http, URI endpoint, Sent sent) throws Exception {
    return http.send(HttpRequest.newBuilder(endpoint)
        .header("Content-Type", sent.contentType())
        .header("X-Slack-Request-Timestamp", String.valueOf(sent.timestamp()))
        .header("X-Slack-Signature", sent.signature())
        .POST(HttpRequest.BodyPublishers.ofString(sent.body()))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Passes the log through while counting its lines and bytes. */
  static final class CountingStream extends OutputStream {
    private final OutputStream out;
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();

    CountingStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      bytes.incrementAndGet();
      if (b == '\n') {
        lines.incrementAndGet();
      }
      out.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
      bytes.addAndGet(len);
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          lines.incrementAndGet();
        }
      }
      out.write(b, off, len);
    }

    long lines() {
      return lines.get();
    }

    long bytes() {
      return bytes.get();
    }
  }
}
