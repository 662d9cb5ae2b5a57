package io.lessontutor.cli;

import io.lessontutor.config.TutorConfig;
import io.lessontutor.slack.SlackMode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * {@code tutor health [--http]}: asks a tutor running on this machine whether it is ready, for a
 * container's health check (the image has no curl). It picks the port as {@code run} does from
 * the same environment: {@code PORT} in HTTP mode, {@code TUTOR_METRICS_PORT} in Socket Mode.
 */
public final class HealthCommand {

  static final String HELP = """
      Usage: scripts/tutor health [--http]

      Asks the tutor running on this machine (scripts/tutor run, with the same settings) whether it
      is ready: GET /readyz on $PORT in HTTP mode (--http, or a signing secret and no app token),
      on $TUTOR_METRICS_PORT in Socket Mode. Prints "ready" and exits 0, or prints why not and exits 1.
      compose.yaml uses it as the container's health check.
      """;

  /** How long the tutor may take to answer; a health check that hangs is a failed one. */
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  private HealthCommand() {}

  public static int run(TutorConfig config, List<String> args, PrintStream out) throws InterruptedException {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(HELP);
      return Cli.OK;
    }
    for (String arg : args) {
      if (!arg.equals("--http")) {
        throw new IllegalArgumentException("health takes only --http, not '" + arg + "'");
      }
    }
    int port = switch (SlackMode.choose(config, args.contains("--http"))) {
      case HTTP -> config.port();
      case SOCKET -> config.metricsPort().orElseThrow(() -> new IllegalArgumentException("Socket Mode answers"
          + " health checks only on " + TutorConfig.METRICS_PORT + ": set it (the image sets 9090)."));
    };
    URI readyz = URI.create("http://127.0.0.1:" + port + "/readyz");
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    try {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(readyz).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      String body = response.body().strip();
      if (response.statusCode() == 200) {
        out.println("ready");
        return Cli.OK;
      }
      out.println("not ready (" + response.statusCode() + "): " + body);
      return Cli.FAILED;
    } catch (IOException e) {
      out.println("not ready: nothing answers on " + readyz + " (" + e.getClass().getSimpleName() + ")");
      return Cli.FAILED;
    }
  }
}
