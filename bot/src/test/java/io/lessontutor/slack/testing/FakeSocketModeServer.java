package io.lessontutor.slack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's Socket Mode endpoint on loopback: the tutor connects to it through the URL the fake
 * {@code apps.connections.open} returns; it greets with "hello", sends envelopes and records the
 * acks by envelope_id, with the time from send to ack.
 */
public final class FakeSocketModeServer extends WebSocketServer {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An ack the tutor sent back. */
  public record Ack(String envelopeId, JsonNode message, long nanosAfterSend) {}

  private final CountDownLatch connected = new CountDownLatch(1);
  private final CountDownLatch started = new CountDownLatch(1);
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<String, Ack> acks = new ConcurrentHashMap<>();
  private volatile WebSocket connection;

  public FakeSocketModeServer() {
    super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    setReuseAddr(true);
    setDaemon(true);
  }

  /** Starts listening and waits until the port is bound. */
  public FakeSocketModeServer startListening() throws InterruptedException {
    start();
    if (!started.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Socket Mode server did not start");
    }
    return this;
  }

  public String url() {
    return "ws://127.0.0.1:" + getPort() + "/link";
  }

  public void awaitConnection(Duration timeout) throws InterruptedException {
    if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the tutor did not connect within " + timeout);
    }
  }

  /** Sends an envelope of the type ("events_api", "interactive", "slash_commands") and returns its id. */
  public String send(String type, String payloadJson, int retryAttempt) {
    try {
      String id = UUID.randomUUID().toString();
      ObjectNode envelope = JSON.createObjectNode();
      envelope.put("envelope_id", id).put("type", type).put("accepts_response_payload", !type.equals("events_api"));
      envelope.set("payload", JSON.readTree(payloadJson));
      if (retryAttempt > 0) {
        envelope.put("retry_attempt", retryAttempt).put("retry_reason", "timeout");
      }
      sentAt.put(id, System.nanoTime());
      connection.send(envelope.toString());
      return id;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("payload is not JSON", e);
    }
  }

  public Ack awaitAck(String envelopeId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Ack ack = acks.get(envelopeId);
      if (ack != null) {
        return ack;
      }
      Thread.sleep(2);
    }
    throw new AssertionError("no ack for envelope " + envelopeId + " within " + timeout);
  }

  public Map<String, Ack> acks() {
    return Map.copyOf(acks);
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {
    connection = conn;
    conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\"},"
        + "\"connection_info\":{\"app_id\":\"A0001\"}}");
    connected.countDown();
  }

  @Override
  public void onMessage(WebSocket conn, String message) {
    long now = System.nanoTime();
    try {
      JsonNode node = JSON.readTree(message);
      String id = node.path("envelope_id").asText(null);
      if (id != null) {
        Long sent = sentAt.get(id);
        acks.put(id, new Ack(id, node, sent == null ? -1 : now - sent));
      }
    } catch (java.io.IOException e) {
      throw new AssertionError("the tutor sent something that is not JSON: " + message, e);
    }
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

  @Override
  public void onError(WebSocket conn, Exception ex) {}

  @Override
  public void onStart() {
    started.countDown();
  }
}
