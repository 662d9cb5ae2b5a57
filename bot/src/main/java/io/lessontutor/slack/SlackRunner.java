package io.lessontutor.slack;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.lessontutor.Tutor;
import io.lessontutor.config.StartupException;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.metrics.MetricsServer;
import io.lessontutor.slack.http.SlackHttpServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the tutor on Slack until the process is stopped, in Socket Mode or HTTP mode. */
public final class SlackRunner {

  private static final Logger log = LoggerFactory.getLogger(SlackRunner.class);

  private SlackRunner() {}

  /** Runs in the mode {@link SlackMode#choose} picks; blocks until shutdown. */
  public static void run(Tutor tutor, boolean httpRequested, List<SlackFeature> features) throws Exception {
    TutorConfig config = tutor.config();
    switch (SlackMode.choose(config, httpRequested)) {
      case SOCKET -> runSocketMode(tutor, features);
      case HTTP -> runHttp(tutor, config.port(), features);
    }
  }

  private static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
    return root.getClass().getSimpleName() + message;
  }

  /** Connects to Slack over a WebSocket with {@code SLACK_APP_TOKEN}; blocks until shutdown. */
  public static void runSocketMode(Tutor tutor, List<SlackFeature> features) throws Exception {
    String appToken = tutor.config().slackAppToken();
    SlackApp slack = SlackApp.build(tutor, features);
    SocketModeApp socketMode;
    try {
      socketMode = new SocketModeApp(appToken, slack.app(), SocketModeClient.Backend.JavaWebSocket);
    } catch (Exception e) {
      slack.close();
      throw socketModeFailure(e);
    }
    MetricsServer metrics = startMetrics(tutor, () -> socketModeReadiness(socketMode, slack));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (metrics != null) {
        metrics.close();
      }
      try {
        socketMode.close();
      } catch (Exception e) {
        log.warn("Socket Mode did not close cleanly: {}", e.toString());
      }
      slack.close();
      tutor.close();
    }, "slack-shutdown"));
    log.info("Connecting to Slack in Socket Mode");
    try {
      socketMode.start();
    } catch (Exception e) {
      throw socketModeFailure(e);
    }
  }

  /**
   * The metrics and health server on {@value TutorConfig#METRICS_PORT}, or null when it is unset.
   * Socket Mode has no other server, so this is where a load balancer or Kubernetes asks.
   */
  static MetricsServer startMetrics(Tutor tutor, java.util.function.Supplier<java.util.Optional<String>> readiness) {
    java.util.OptionalInt port = tutor.config().metricsPort();
    if (port.isEmpty()) {
      return null;
    }
    try {
      return MetricsServer.start(new InetSocketAddress(port.getAsInt()), tutor.metrics(), readiness);
    } catch (java.io.IOException e) {
      throw new StartupException("cannot listen on port " + port.getAsInt() + " (" + oneLine(e) + "): set "
          + TutorConfig.METRICS_PORT + " to a free port, or unset it.");
    }
  }

  /**
   * Why a Socket Mode instance cannot take work: its WebSocket to Slack is down, or the database
   * is out of reach; empty when ready. (The index is loaded before the connection opens.)
   */
  static java.util.Optional<String> socketModeReadiness(SocketModeApp socketMode, SlackApp slack) {
    SocketModeClient client = socketMode.getClient();
    if (socketMode.isClientStopped() || client == null || !client.verifyConnection()) {
      return java.util.Optional.of("not connected to Slack");
    }
    return slack.health().get();
  }

  /** Slack's errors for an app-level token it does not accept. */
  static final java.util.Set<String> BAD_APP_TOKEN = java.util.Set.of("invalid_auth", "not_authed",
      "not_allowed_token_type", "token_revoked", "account_inactive");

  /** Why Socket Mode could not connect, naming the token or the connection. */
  static StartupException socketModeFailure(Exception e) {
    String detail = oneLine(e);
    for (String error : BAD_APP_TOKEN) {
      if (detail.contains(error)) {
        return new StartupException("Slack says " + TutorConfig.SLACK_APP_TOKEN + " is not valid (" + error + "):"
            + " create an app-level token with connections:write on your Slack app's Basic Information page,"
            + " and check that Socket Mode is on.");
      }
    }
    return new StartupException("cannot open a Socket Mode connection to Slack (" + detail + "): check the network"
        + " and any proxy, and that Socket Mode is on in your Slack app's settings.");
  }

  /** Serves Slack's requests on {@code port}; blocks until shutdown. */
  public static void runHttp(Tutor tutor, int port, List<SlackFeature> features) throws Exception {
    SlackApp slack = SlackApp.build(tutor, features);
    SlackHttpServer server;
    try {
      server = SlackHttpServer.start(slack.app(), new InetSocketAddress(port), slack.health(), tutor.metrics());
    } catch (java.io.IOException e) {
      slack.close();
      throw new StartupException("cannot listen on port " + port + " (" + oneLine(e) + "): set " + TutorConfig.PORT
          + " to a free port.");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      slack.close();
      tutor.close();
      stopped.countDown();
    }, "slack-shutdown"));
    stopped.await();
  }
}
