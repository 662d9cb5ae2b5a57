package io.lessontutor.slack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Slack's response_url endpoints on loopback: a real HTTP server that records every POST the tutor
 * makes to a command's or a button's response_url, answering "ok" like Slack, or 404
 * {@code expired_url} for a URL marked expired. Hand out URLs with {@link #url(String)}.
 */
public final class FakeResponseUrls implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One recorded POST: which URL (by name), the JSON body, and whether a token came along. */
  public record Post(String name, JsonNode body, String authorization) {
    public String responseType() {
      return body.path("response_type").asText(null);
    }

    public String text() {
      return body.path("text").asText("");
    }

    /** The text and blocks, for asserting what the person reads. */
    public String everything() {
      return text() + "\n" + texts(body.path("blocks"))
          + "\n" + String.join("\n", body.path("blocks").findValuesAsText("action_id"));
    }
  }

  /** Every text in Block Kit JSON as a person reads it (no JSON escapes), one per line. */
  public static String texts(JsonNode blocks) {
    StringBuilder out = new StringBuilder();
    collect(blocks, out);
    return out.toString();
  }

  private static void collect(JsonNode node, StringBuilder out) {
    node.fields().forEachRemaining(e -> {
      if (e.getKey().equals("text") && e.getValue().isTextual()) {
        out.append(e.getValue().asText()).append('\n');
      }
    });
    for (JsonNode child : node) {
      collect(child, out);
    }
  }

  private final HttpServer server;
  private final List<Post> posts = new CopyOnWriteArrayList<>();
  private final Set<String> expired = ConcurrentHashMap.newKeySet();

  public FakeResponseUrls() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/commands/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "fake-response-url");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  /** A response_url, distinguishable by its name. */
  public String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/commands/T0001/" + name;
  }

  /** From now on, POSTs to this URL are refused the way Slack refuses a URL older than 30 minutes. */
  public void expire(String name) {
    expired.add(name);
  }

  public List<Post> posts() {
    return List.copyOf(posts);
  }

  /** Waits until at least {@code count} POSTs arrived; returns them all. */
  public List<Post> await(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (posts.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + count + " response_url post(s) within " + timeout + " but saw " + posts);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return posts();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    JsonNode json = body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
    boolean refused = expired.contains(name);
    if (!refused) {
      posts.add(new Post(name, json, exchange.getRequestHeaders().getFirst("Authorization")));
    }
    byte[] reply = (refused ? "expired_url" : "ok").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(refused ? 404 : 200, reply.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
