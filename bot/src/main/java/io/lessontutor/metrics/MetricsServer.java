package io.lessontutor.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoints on a port of their own, for Socket Mode, where no other server runs:
 * {@code GET /metrics} (Prometheus' text format), {@code GET /livez} (200 while the process
 * serves) and {@code GET /readyz} (200 when {@code readiness} finds nothing wrong, 503 with the
 * reason otherwise). HTTP mode serves the same paths next to Slack's.
 */
public final class MetricsServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

  public static final String METRICS_PATH = "/metrics";
  public static final String LIVENESS_PATH = "/livez";
  public static final String READINESS_PATH = "/readyz";
  /** Prometheus' text exposition format, version 0.0.4. */
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Serves the endpoints on the address (port 0 picks a free one).
   *
   * @param readiness why the tutor cannot take work (the database, the Slack connection), or empty
   */
  public static MetricsServer start(InetSocketAddress address, MicrometerMetrics metrics,
                                    Supplier<Optional<String>> readiness) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    server.createContext(METRICS_PATH, exchange -> serveMetrics(exchange, metrics));
    server.createContext(LIVENESS_PATH, exchange -> respond(exchange, 200, "text/plain", "alive"));
    server.createContext(READINESS_PATH, exchange -> serveReadiness(exchange, readiness));
    server.createContext("/", exchange -> respond(exchange, 404, "text/plain", "not found"));
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "metrics-http");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    log.info("Metrics and health on port {} ({}, {}, {})", server.getAddress().getPort(), METRICS_PATH,
        LIVENESS_PATH, READINESS_PATH);
    return new MetricsServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code GET /metrics}: every meter in Prometheus' text format. */
  public static void serveMetrics(HttpExchange exchange, MicrometerMetrics metrics) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      respond(exchange, 405, "text/plain", "use GET");
      return;
    }
    respond(exchange, 200, PROMETHEUS_TEXT, metrics.scrape());
  }

  /** {@code GET /readyz}: 200 "ready", or 503 with what is wrong. */
  public static void serveReadiness(HttpExchange exchange, Supplier<Optional<String>> readiness) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      respond(exchange, 405, "text/plain", "use GET");
      return;
    }
    Optional<String> problem;
    try {
      problem = readiness.get();
    } catch (RuntimeException e) {
      log.warn("the readiness check failed: {}", e.toString());
      problem = Optional.of("readiness check failed: " + e.getClass().getSimpleName());
    }
    if (problem.isPresent()) {
      respond(exchange, 503, "text/plain", problem.get());
    } else {
      respond(exchange, 200, "text/plain", "ready");
    }
  }

  /** Sends a whole text response (an empty body sends none) and closes the exchange. */
  public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdown();
  }
}
