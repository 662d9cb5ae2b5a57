package io.lessontutor.slack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Slack's Web API on loopback: a real HTTP server that records every call (method, form or JSON
 * parameters, whether a bearer token came along) and answers like Slack would. Replies can be
 * scripted per method ({@link #enqueue}), e.g. a 429 with Retry-After, then the default; a
 * workspace without streamed messages is {@code streaming(false)}.
 * Point {@code SLACK_API_URL} at {@link #url()}.
 */
public final class FakeSlackApi implements AutoCloseable {

  public static final String BOT_USER_ID = "UTUTOR";
  public static final String BOT_ID = "BTUTOR";
  public static final String TEAM_ID = "T0001";
  /** Where {@code files.getUploadURLExternal} sends a file's bytes; recorded as method {@value #UPLOAD_METHOD}. */
  static final String UPLOAD_PATH = "/upload/";
  /** The recorded method of a file's bytes arriving at its upload URL: params {@code file_id}, {@code content}. */
  public static final String UPLOAD_METHOD = "upload";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One recorded Web API call. */
  public record Call(String method, Map<String, String> params, String authorization, long atNanos) {
    public String param(String name) {
      return params.get(name);
    }

    /** A parameter holding JSON (blocks, view), parsed. */
    public JsonNode json(String name) {
      try {
        String value = params.get(name);
        return value == null ? JSON.missingNode() : JSON.readTree(value);
      } catch (IOException e) {
        throw new AssertionError("parameter " + name + " is not JSON: " + params.get(name), e);
      }
    }
  }

  /**
   * A scripted reply. With {@code actsAnyway}, the fake first does what the call asks (a posted
   * message is kept and listed by conversations.history) and then answers this: a failure that
   * leaves the caller unsure whether Slack acted.
   */
  public record Reply(int status, Map<String, String> headers, String body, boolean actsAnyway, long delayMillis) {
    public Reply(int status, Map<String, String> headers, String body) {
      this(status, headers, body, false, 0);
    }

    public Reply(int status, Map<String, String> headers, String body, boolean actsAnyway) {
      this(status, headers, body, actsAnyway, 0);
    }

    /** The default answer, after a wait: a slow Slack. */
    public static Reply slow(Duration delay) {
      return new Reply(0, Map.of(), "", true, delay.toMillis());
    }

    public static Reply serverError() {
      return new Reply(503, Map.of(), "<html>503 Service Unavailable</html>");
    }

    /** The connection drops before any answer, after the fake did what was asked when {@code actsAnyway}. */
    public static Reply connectionReset(boolean actsAnyway) {
      return new Reply(-1, Map.of(), "", actsAnyway);
    }

    /** Slack did post the message, but the answer the tutor gets is a 503. */
    public static Reply serverErrorAfterActing() {
      return new Reply(503, Map.of(), "<html>503 Service Unavailable</html>", true);
    }

    public static Reply ok(String json) {
      return new Reply(200, Map.of(), json);
    }

    public static Reply error(String code) {
      return new Reply(200, Map.of(), "{\"ok\":false,\"error\":\"" + code + "\"}");
    }

    public static Reply rateLimited(int retryAfterSeconds) {
      return new Reply(429, Map.of("Retry-After", String.valueOf(retryAfterSeconds)),
          "{\"ok\":false,\"error\":\"ratelimited\"}");
    }
  }

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<Call, String> replies = new ConcurrentHashMap<>();
  private final Map<String, Deque<Reply>> scripted = new ConcurrentHashMap<>();
  private final AtomicLong ts = new AtomicLong(1_700_000_000_000_000L);
  /** Messages posted with chat.postMessage, by channel, as conversations.history lists them. */
  private final Map<String, List<ObjectNode>> posted = new ConcurrentHashMap<>();
  private volatile String socketModeUrl;
  private volatile String streamingError;

  public FakeSlackApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/", this::handle);
    server.createContext(UPLOAD_PATH, this::upload);
    server.setExecutor(Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "fake-slack-api");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  /** The base URL, for {@code SLACK_API_URL}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  /** What {@code apps.connections.open} returns as the WebSocket URL. */
  public void socketModeUrl(String url) {
    this.socketModeUrl = url;
  }

  /** Scripts the next replies to one method; after them the default reply returns. */
  public void enqueue(String method, Reply... replies) {
    Deque<Reply> queue = scripted.computeIfAbsent(method, m -> new ArrayDeque<>());
    synchronized (queue) {
      queue.addAll(List.of(replies));
    }
  }

  /**
   * Whether chat.startStream works; without it, every call answers {@code unknown_method} like a
   * workspace whose API lacks the method.
   */
  public FakeSlackApi streaming(boolean supported) {
    this.streamingError = supported ? null : "unknown_method";
    return this;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  public void clear() {
    calls.clear();
    replies.clear();
  }

  /** Waits until at least {@code count} calls to the method match; returns them. */
  public List<Call> await(String method, int count, Duration timeout) {
    return await(method, c -> true, count, timeout);
  }

  public List<Call> await(String method, Predicate<Call> filter, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Call> found = calls(method).stream().filter(filter).toList();
      if (found.size() >= count) {
        return found;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + count + " call(s) to " + method + " within " + timeout
            + " but saw " + found.size() + "; all calls: " + calls.stream().map(Call::method).toList());
      }
      sleep(5);
    }
  }

  /** The reply the call got (e.g. the ts of a posted message); waits briefly while it is being sent. */
  public JsonNode reply(Call call) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!replies.containsKey(call)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no reply recorded for " + call.method());
      }
      sleep(2);
    }
    try {
      return JSON.readTree(replies.get(call));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Lets in-flight work finish, so that a test can assert nothing more was called. */
  public void quietFor(Duration quiet) {
    sleep(quiet.toMillis());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    long at = System.nanoTime();
    String method = exchange.getRequestURI().getPath().substring("/api/".length());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String contentType = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Content-Type"), "");
    Map<String, String> params = contentType.contains("json") ? jsonParams(body) : formParams(body);
    Call call = new Call(method, Map.copyOf(params), exchange.getRequestHeaders().getFirst("Authorization"), at);
    calls.add(call);

    Reply reply = null;
    Deque<Reply> queue = scripted.get(method);
    if (queue != null) {
      synchronized (queue) {
        reply = queue.poll();
      }
    }
    if (reply == null && streamingError != null && method.equals("chat.startStream")) {
      reply = Reply.error(streamingError);
    }
    if (reply != null && reply.delayMillis() > 0) {
      sleep(reply.delayMillis());
    }
    if (reply != null && reply.status() == 0) {
      reply = null; // slow() answers as usual once the wait is over
    }
    if (reply == null) {
      reply = Reply.ok(defaultReply(method, params));
    } else if (reply.actsAnyway()) {
      defaultReply(method, params);
    }
    replies.put(call, reply.body());
    if (reply.status() < 0) {
      exchange.close(); // no status line at all: the client sees the connection end
      return;
    }
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private String defaultReply(String method, Map<String, String> params) {
    ObjectNode reply = JSON.createObjectNode().put("ok", true);
    switch (method) {
      case "auth.test" -> reply.put("url", "https://tutor-test.example/").put("team", "Test")
          .put("user", "tutor").put("team_id", TEAM_ID).put("user_id", BOT_USER_ID).put("bot_id", BOT_ID);
      case "chat.postMessage" -> {
        String messageTs = nextTs();
        ObjectNode kept = JSON.createObjectNode().put("type", "message").put("ts", messageTs)
            .put("user", BOT_USER_ID).put("bot_id", BOT_ID).put("text", params.getOrDefault("text", ""));
        if (params.get("thread_ts") != null) {
          kept.put("thread_ts", params.get("thread_ts"));
        }
        if (params.get("metadata") != null) {
          try {
            kept.set("metadata", JSON.readTree(params.get("metadata")));
          } catch (IOException e) {
            kept.put("metadata", params.get("metadata"));
          }
        }
        posted.computeIfAbsent(params.getOrDefault("channel", ""), c -> new CopyOnWriteArrayList<>()).add(kept);
        reply.put("channel", params.get("channel")).put("ts", messageTs);
        reply.putObject("message").put("ts", messageTs).put("text", params.getOrDefault("text", ""));
      }
      case "chat.postEphemeral" -> reply.put("message_ts", nextTs());
      case "chat.startStream" -> reply.put("channel", params.get("channel")).put("ts", nextTs());
      case "chat.appendStream", "chat.update" -> reply.put("channel", params.get("channel")).put("ts", params.get("ts"));
      case "chat.stopStream" -> {
        reply.put("channel", params.get("channel")).put("ts", params.get("ts"));
        reply.putObject("message").put("ts", params.get("ts")).put("streaming_state", "completed");
      }
      case "chat.getPermalink" -> reply.put("channel", params.get("channel")).put("permalink",
          "https://tutor-test.example/archives/" + params.get("channel") + "/p" + params.getOrDefault("message_ts", "").replace(".", ""));
      case "conversations.open" -> reply.putObject("channel").put("id", "D" + params.getOrDefault("users", "X"));
      case "bots.info" -> reply.putObject("bot").put("id", params.getOrDefault("bot", "B0"))
          .put("user_id", "U" + params.getOrDefault("bot", "B0")).put("name", "some bot");
      case "conversations.replies" -> {
        ArrayNode messages = reply.putArray("messages");
        posted.getOrDefault(params.getOrDefault("channel", ""), List.of()).stream()
            .filter(m -> m.path("thread_ts").asText("").equals(params.get("ts")))
            .forEach(messages::add);
      }
      case "conversations.history" -> {
        ArrayNode messages = reply.putArray("messages");
        posted.getOrDefault(params.getOrDefault("channel", ""), List.of()).stream()
            .filter(m -> !m.has("thread_ts"))
            .forEach(messages::add);
      }
      case "apps.connections.open" -> reply.put("url", socketModeUrl);
      case "files.getUploadURLExternal" -> {
        String fileId = "F" + ts.incrementAndGet();
        reply.put("file_id", fileId).put("upload_url",
            "http://127.0.0.1:" + server.getAddress().getPort() + UPLOAD_PATH + fileId);
      }
      case "files.completeUploadExternal" -> {
        ArrayNode files = reply.putArray("files");
        try {
          JSON.readTree(params.getOrDefault("files", "[]")).forEach(f ->
              files.addObject().put("id", f.path("id").asText()).put("title", f.path("title").asText()));
        } catch (IOException e) {
          return JSON.createObjectNode().put("ok", false).put("error", "invalid_arguments").toString();
        }
      }
      default -> { }
    }
    return reply.toString();
  }

  /** A file's bytes sent to the upload URL {@code files.getUploadURLExternal} gave; Slack answers "OK - length". */
  private void upload(HttpExchange exchange) throws IOException {
    long at = System.nanoTime();
    String fileId = exchange.getRequestURI().getPath().substring(UPLOAD_PATH.length());
    byte[] content = exchange.getRequestBody().readAllBytes();
    calls.add(new Call(UPLOAD_METHOD, Map.of("file_id", fileId, "content", new String(content, StandardCharsets.UTF_8)),
        exchange.getRequestHeaders().getFirst("Authorization"), at));
    byte[] bytes = ("OK - " + content.length).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private String nextTs() {
    long n = ts.incrementAndGet();
    return (n / 1_000_000) + "." + String.format("%06d", n % 1_000_000);
  }

  private static Map<String, String> formParams(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return params;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, value);
    }
    return params;
  }

  private static Map<String, String> jsonParams(String body) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    if (body.isBlank()) {
      return params;
    }
    JSON.readTree(body).fields().forEachRemaining(e ->
        params.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    return params;
  }

  /** Every recorded call's parameters, for asserting a secret never left the tutor in a body. */
  public List<String> everyParameterValue() {
    List<String> values = new ArrayList<>();
    calls.forEach(c -> values.addAll(c.params().values()));
    return values;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
