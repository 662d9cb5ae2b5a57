package io.lessontutor.answer;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A language-model server on loopback speaking three wire formats, for the real langchain4j
 * clients: OpenAI's {@code /v1/chat/completions} (JSON, or SSE chunks when the request streams),
 * Anthropic's {@code /v1/messages} (JSON or SSE events) and Ollama's {@code /api/chat} (JSON or
 * NDJSON). Each request takes the next scripted reply; every request body is recorded.
 */
public final class FakeModelServer implements AutoCloseable {

  /** One scripted reply: text (streamed in small pieces when asked), after a delay, or an HTTP error. */
  public record Script(String text, Duration delay, int status) {
    public static Script reply(String text) {
      return new Script(text, Duration.ZERO, 200);
    }

    public static Script slow(Duration delay, String text) {
      return new Script(text, delay, 200);
    }

    public static Script status(int status) {
      return new Script("", Duration.ZERO, status);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PIECE = Pattern.compile("\\S+\\s*|\\s+");

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Script> scripts = new ConcurrentLinkedQueue<>();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private volatile Script fallbackScript = Script.status(500);

  public FakeModelServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-model-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/v1/chat/completions", e -> handle(e, Wire.OPENAI));
    server.createContext("/v1/messages", e -> handle(e, Wire.ANTHROPIC));
    server.createContext("/api/chat", e -> handle(e, Wire.OLLAMA));
    server.start();
  }

  /** Queues replies, taken one per request in order. */
  public FakeModelServer script(Script... replies) {
    scripts.addAll(List.of(replies));
    return this;
  }

  /** What every request gets once the queue is empty (by default a 500). */
  public FakeModelServer always(Script reply) {
    fallbackScript = reply;
    return this;
  }

  /** Base URL for OpenAI- and Anthropic-style clients: {@code http://127.0.0.1:port/v1}. */
  public String v1Url() {
    return rootUrl() + "/v1";
  }

  /** Base URL for Ollama's client. */
  public String rootUrl() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  public List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private enum Wire { OPENAI, ANTHROPIC, OLLAMA }

  private void handle(HttpExchange exchange, Wire wire) throws IOException {
    try (exchange) {
      JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
      requests.add(request);
      Script script = scripts.poll();
      if (script == null) {
        script = fallbackScript;
      }
      if (!script.delay().isZero()) {
        Thread.sleep(script.delay().toMillis());
      }
      if (script.status() != 200) {
        send(exchange, script.status(), "application/json",
            "{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\"}}");
        return;
      }
      boolean stream = request.path("stream").asBoolean(wire == Wire.OLLAMA);
      String model = request.path("model").asText("fake");
      switch (wire) {
        case OPENAI -> {
          if (stream) {
            sendStream(exchange, "text/event-stream", openAiChunks(model, script.text()));
          } else {
            send(exchange, 200, "application/json", openAiCompletion(model, script.text()));
          }
        }
        case ANTHROPIC -> {
          if (stream) {
            sendStream(exchange, "text/event-stream", anthropicEvents(model, script.text()));
          } else {
            send(exchange, 200, "application/json", anthropicMessage(model, script.text()));
          }
        }
        case OLLAMA -> {
          if (stream) {
            sendStream(exchange, "application/x-ndjson", ollamaLines(model, script.text()));
          } else {
            send(exchange, 200, "application/json", ollamaMessage(model, script.text(), true).toString());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The client gave up (a timeout test): nothing left to answer.
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static void sendStream(HttpExchange exchange, String type, List<String> events) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    for (String event : events) {
      out.write(event.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  /** The text in word-sized pieces, the way models stream it. */
  private static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = PIECE.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static String openAiCompletion(String model, String text) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1_700_000_000L).put("model", model);
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", "stop");
    choice.putObject("message").put("role", "assistant").put("content", text);
    root.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 30).put("total_tokens", 130);
    return root.toString();
  }

  private static List<String> openAiChunks(String model, String text) {
    List<String> events = new ArrayList<>();
    List<String> pieces = new ArrayList<>(pieces(text));
    pieces.add(0, null);
    for (int i = 0; i <= pieces.size(); i++) {
      ObjectNode chunk = JSON.createObjectNode();
      chunk.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 1_700_000_000L).put("model", model);
      ObjectNode choice = chunk.putArray("choices").addObject();
      choice.put("index", 0);
      ObjectNode delta = choice.putObject("delta");
      if (i == 0) {
        delta.put("role", "assistant").put("content", "");
        choice.putNull("finish_reason");
      } else if (i < pieces.size()) {
        delta.put("content", pieces.get(i));
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", "stop");
      }
      events.add("data: " + chunk + "\n\n");
    }
    events.add("data: [DONE]\n\n");
    return events;
  }

  private static String anthropicMessage(String model, String text) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "msg_fake").put("type", "message").put("role", "assistant").put("model", model);
    root.putArray("content").addObject().put("type", "text").put("text", text);
    root.put("stop_reason", "end_turn").putNull("stop_sequence");
    root.putObject("usage").put("input_tokens", 100).put("output_tokens", 30);
    return root.toString();
  }

  private static List<String> anthropicEvents(String model, String text) {
    List<String> events = new ArrayList<>();
    ObjectNode start = JSON.createObjectNode().put("type", "message_start");
    ObjectNode message = start.putObject("message");
    message.put("id", "msg_fake").put("type", "message").put("role", "assistant").put("model", model);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putObject("usage").put("input_tokens", 100).put("output_tokens", 1);
    events.add(sse("message_start", start));
    ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
    blockStart.putObject("content_block").put("type", "text").put("text", "");
    events.add(sse("content_block_start", blockStart));
    for (String piece : pieces(text)) {
      ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
      delta.putObject("delta").put("type", "text_delta").put("text", piece);
      events.add(sse("content_block_delta", delta));
    }
    events.add(sse("content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", 0)));
    ObjectNode end = JSON.createObjectNode().put("type", "message_delta");
    end.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
    end.putObject("usage").put("output_tokens", 30);
    events.add(sse("message_delta", end));
    events.add(sse("message_stop", JSON.createObjectNode().put("type", "message_stop")));
    return events;
  }

  private static String sse(String event, JsonNode data) {
    return "event: " + event + "\ndata: " + data + "\n\n";
  }

  private static ObjectNode ollamaMessage(String model, String text, boolean done) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", model).put("created_at", "2024-01-01T00:00:00Z");
    root.putObject("message").put("role", "assistant").put("content", text);
    root.put("done", done);
    if (done) {
      root.put("done_reason", "stop").put("prompt_eval_count", 100).put("eval_count", 30);
    }
    return root;
  }

  private static List<String> ollamaLines(String model, String text) {
    List<String> lines = new ArrayList<>();
    for (String piece : pieces(text)) {
      lines.add(ollamaMessage(model, piece, false) + "\n");
    }
    lines.add(ollamaMessage(model, "", true) + "\n");
    return lines;
  }

  /** The messages of a recorded request, whatever the wire format: system text first. */
  public static String allText(JsonNode request) {
    StringBuilder out = new StringBuilder();
    JsonNode system = request.path("system");
    if (system.isTextual()) {
      out.append(system.asText()).append('\n');
    } else if (system.isArray()) {
      system.forEach(s -> out.append(s.path("text").asText()).append('\n'));
    }
    for (JsonNode message : (ArrayNode) request.path("messages")) {
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        out.append(content.asText()).append('\n');
      } else {
        content.forEach(c -> out.append(c.path("text").asText()).append('\n'));
      }
    }
    return out.toString();
  }
}
