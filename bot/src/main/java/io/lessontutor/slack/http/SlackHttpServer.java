package io.lessontutor.slack.http;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lessontutor.metrics.MetricsServer;
import io.lessontutor.metrics.MicrometerMetrics;
import io.lessontutor.slack.RefusedRequests;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt behind the JDK's HTTP server: Slack's events, slash commands and interactivity arrive at
 * {@code POST /slack/events}; {@code GET /healthz} answers 200 once the app has started and its
 * health check (the database) passes, 503 with the reason otherwise; {@code GET /livez} answers
 * 200 while the process serves at all, for a liveness probe that must not restart an instance
 * because the shared database is down.
 *
 * <p>Each request is first checked here against the signing secret, its timestamp both ways
 * ({@link SignatureCheck}: 401, nothing read), then goes through Bolt's own parsing and
 * middleware. What Slack hears: 401 for a forged or stale request, 400 (one log line, no stack
 * trace) for one that cannot be understood, 500 (one stack trace) only for a fault of the tutor's.
 */
public final class SlackHttpServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SlackHttpServer.class);

  public static final String EVENTS_PATH = "/slack/events";
  public static final String HEALTH_PATH = "/healthz";
  public static final String LIVENESS_PATH = "/livez";
  /** Slack's payloads are a few kilobytes; anything far larger is refused unread. */
  static final int MAX_BODY_BYTES = 1 << 20;
  static final int HANDLER_THREADS = 16;

  private final HttpServer server;
  private final ExecutorService handlers;
  private final SignatureCheck signatures;
  private final Supplier<Optional<String>> health;
  private volatile boolean ready;

  private SlackHttpServer(HttpServer server, ExecutorService handlers, SignatureCheck signatures,
                          Supplier<Optional<String>> health) {
    this.server = server;
    this.handlers = handlers;
    this.signatures = signatures;
    this.health = health;
  }

  /** Starts the app and serves it on the address (port 0 picks a free port). */
  public static SlackHttpServer start(App app, InetSocketAddress address) throws IOException {
    return start(app, address, Optional::empty);
  }

  /**
   * Starts the app and serves it on the address; {@code health} returns why the instance cannot
   * serve (for {@code /healthz}), or empty when it can.
   */
  public static SlackHttpServer start(App app, InetSocketAddress address, Supplier<Optional<String>> health)
      throws IOException {
    return start(app, address, health, null);
  }

  /**
   * The same, also serving {@code GET /metrics} from {@code metrics} (when not null) and
   * {@code GET /readyz}, which answers like {@code /healthz}.
   */
  public static SlackHttpServer start(App app, InetSocketAddress address, Supplier<Optional<String>> health,
                                      MicrometerMetrics metrics) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    ExecutorService handlers = Executors.newFixedThreadPool(HANDLER_THREADS, r -> {
      Thread t = new Thread(r, "slack-http");
      t.setDaemon(true);
      return t;
    });
    SlackHttpServer slackServer = new SlackHttpServer(server, handlers,
        SignatureCheck.of(app.config().getSigningSecret()), health);
    SlackRequestParser parser = new SlackRequestParser(app.config());
    server.createContext(EVENTS_PATH, exchange -> slackServer.handleEvents(exchange, app, parser));
    server.createContext(HEALTH_PATH, slackServer::handleHealth);
    server.createContext(MetricsServer.READINESS_PATH, slackServer::handleHealth);
    if (metrics != null) {
      server.createContext(MetricsServer.METRICS_PATH, exchange -> MetricsServer.serveMetrics(exchange, metrics));
    }
    server.createContext(LIVENESS_PATH, exchange -> respond(exchange, 200, "text/plain", "alive"));
    server.createContext("/", exchange -> respond(exchange, 404, "text/plain", "not found"));
    server.setExecutor(handlers);
    server.start();
    app.start();
    slackServer.ready = true;
    log.info("Slack HTTP mode listening on port {} ({})", slackServer.port(), EVENTS_PATH);
    return slackServer;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handleHealth(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      respond(exchange, 405, "text/plain", "use GET");
    } else if (ready) {
      Optional<String> problem = health.get();
      if (problem.isPresent()) {
        respond(exchange, 503, "text/plain", problem.get());
      } else {
        respond(exchange, 200, "text/plain", "ok");
      }
    } else {
      respond(exchange, 503, "text/plain", "starting");
    }
  }

  private void handleEvents(HttpExchange exchange, App app, SlackRequestParser parser) throws IOException {
    try {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "text/plain", "use POST");
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (body.length > MAX_BODY_BYTES) {
        respond(exchange, 413, "text/plain", "request too large");
        return;
      }
      String text = new String(body, StandardCharsets.UTF_8);
      Map<String, List<String>> headers = headers(exchange);
      Optional<String> refused = signatures.refusal(headers, text, System.currentTimeMillis());
      if (refused.isPresent()) {
        RefusedRequests.log("Refused a request with 401", refused.get());
        respond(exchange, 401, "application/json", "{\"error\":\"invalid request\"}");
        return;
      }
      Request<?> request;
      try {
        request = parser.parse(SlackRequestParser.HttpRequest.builder()
            .requestUri(exchange.getRequestURI().getPath())
            .queryString(query(exchange.getRequestURI().getRawQuery()))
            .headers(new RequestHeaders(headers))
            .requestBody(text)
            .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
            .build());
      } catch (RuntimeException | StackOverflowError e) {
        // Whatever Bolt's parser throws on, the body is the request's fault: Slack never sends it.
        RefusedRequests.log("Refused a request with 400", RefusedRequests.whyUnreadable(e)
            .orElse(e.getClass().getSimpleName() + " while parsing it"));
        respond(exchange, 400, "text/plain", "not a Slack request");
        return;
      }
      if (request == null) {
        RefusedRequests.log("Refused a request with 400", "not a kind of request Slack sends");
        respond(exchange, 400, "text/plain", "not a Slack request");
        return;
      }
      write(exchange, run(app, request));
    } catch (IOException e) {
      // The client went away mid-request or mid-response: nothing to answer.
      log.info("a Slack request's connection failed: {}", e.toString());
      exchange.close();
    } catch (RuntimeException e) {
      log.error("could not answer a Slack request", e);
      respond(exchange, 500, "text/plain", "internal error");
    }
  }

  /** Bolt's answer to the request, or 400 / 500 when it throws. */
  private static Response run(App app, Request<?> request) {
    try {
      return app.run(request);
    } catch (Exception | StackOverflowError e) {
      Optional<String> unreadable = RefusedRequests.whyUnreadable(e);
      if (unreadable.isPresent()) {
        RefusedRequests.log("Refused a " + request.getRequestType() + " request with 400", unreadable.get());
        return Response.builder().statusCode(400).contentType("text/plain").body("could not read the request").build();
      }
      log.error("could not handle a Slack {} request", request.getRequestType(), e);
      return Response.builder().statusCode(500).contentType("text/plain").body("internal error").build();
    }
  }

  private static Map<String, List<String>> headers(HttpExchange exchange) {
    Map<String, List<String>> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((name, values) ->
        headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    return headers;
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> query = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static void write(HttpExchange exchange, Response response) throws IOException {
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
    }
    String contentType = response.getContentType() != null ? response.getContentType() : "text/plain";
    String body = response.getBody() != null ? response.getBody() : "";
    int status = response.getStatusCode() != null ? response.getStatusCode() : 200;
    respond(exchange, status, contentType, body);
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    MetricsServer.respond(exchange, status, contentType, body);
  }

  @Override
  public void close() {
    ready = false;
    server.stop(1);
    handlers.shutdown();
  }
}
