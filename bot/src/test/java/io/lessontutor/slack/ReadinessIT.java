package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.metrics.MetricsServer;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.EchoingAnswerer;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSocketModeServer;
import io.lessontutor.slack.testing.SlackTestTutor;
import io.lessontutor.store.FaultyLink;
import io.lessontutor.store.TestDatabases;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness in both modes against a real PostgreSQL server reached through a {@link FaultyLink}:
 * ready while the database answers (and, in Socket Mode, the connection is up), not ready the
 * moment the link is cut, ready again once it is restored; liveness stays 200 throughout.
 */
class ReadinessIT {

  static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dataDir;
  FakeSlackApi api;
  Tutor tutor;
  SlackApp slack;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void fakeSlack() throws Exception {
    api = new FakeSlackApi();
  }

  @AfterEach
  void stop() {
    if (slack != null) {
      slack.close();
    }
    if (tutor != null) {
      tutor.close();
    }
    api.close();
  }

  void tutorOn(String databaseUrl) {
    TutorConfig config = SlackTestTutor.config(dataDir, api, Map.of(TutorConfig.DATABASE_URL, databaseUrl));
    tutor = SlackTestTutor.create(config, SlackTestTutor.library(), new EchoingAnswerer(SlackTestTutor.library()));
    slack = SlackApp.build(tutor, List.of());
  }

  @Test
  void http_mode_readiness_flips_when_the_database_stops_and_back_when_it_returns() throws Exception {
    String server = TestDatabases.freshPostgres();
    try (FaultyLink link = new FaultyLink(server)) {
      tutorOn(link.route(server));
      SlackHttpServer http = SlackHttpServer.start(slack.app(),
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), slack.health(), tutor.metrics());
      try {
        assertThat(get(http.port(), MetricsServer.READINESS_PATH).statusCode()).isEqualTo(200);
        link.cut();
        HttpResponse<String> down = get(http.port(), MetricsServer.READINESS_PATH);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).startsWith("database unavailable:");
        assertThat(get(http.port(), SlackHttpServer.LIVENESS_PATH).statusCode()).isEqualTo(200);
        assertThat(get(http.port(), MetricsServer.METRICS_PATH).body())
            .containsPattern("tutor_database_errors_total\\{[^}]*kind=\"unavailable\"[^}]*\\} [1-9]");
        link.restore();
        assertThat(awaitStatus(http.port(), 200)).isEqualTo(200);
      } finally {
        http.close();
      }
    }
  }

  @Test
  void socket_mode_readiness_on_the_metrics_port_needs_the_database_and_the_connection() throws Exception {
    String server = TestDatabases.freshPostgres();
    try (FaultyLink link = new FaultyLink(server)) {
      tutorOn(link.route(server));
      FakeSocketModeServer socket = new FakeSocketModeServer().startListening();
      api.socketModeUrl(socket.url());
      SocketModeApp socketMode = new SocketModeApp(SlackTestTutor.APP_TOKEN, slack.app(),
          SocketModeClient.Backend.JavaWebSocket);
      MetricsServer metrics = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          tutor.metrics(), () -> SlackRunner.socketModeReadiness(socketMode, slack));
      try {
        HttpResponse<String> before = get(metrics.port(), MetricsServer.READINESS_PATH);
        assertThat(before.statusCode()).as("not ready before the connection opens").isEqualTo(503);
        assertThat(before.body()).isEqualTo("not connected to Slack");

        socketMode.startAsync();
        socket.awaitConnection(WAIT);
        assertThat(awaitStatus(metrics.port(), 200)).isEqualTo(200);

        link.cut();
        HttpResponse<String> down = get(metrics.port(), MetricsServer.READINESS_PATH);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).startsWith("database unavailable:");
        assertThat(get(metrics.port(), MetricsServer.LIVENESS_PATH).statusCode()).isEqualTo(200);
        link.restore();
        assertThat(awaitStatus(metrics.port(), 200)).isEqualTo(200);

        socketMode.close();
        HttpResponse<String> closed = get(metrics.port(), MetricsServer.READINESS_PATH);
        assertThat(closed.statusCode()).isEqualTo(503);
        assertThat(closed.body()).isEqualTo("not connected to Slack");
        assertThat(get(metrics.port(), MetricsServer.METRICS_PATH).body()).contains("tutor_index_passages");
      } finally {
        metrics.close();
        socket.stop(1000);
      }
    }
  }

  HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Asks /readyz until it answers the status, for up to {@link #WAIT}; returns the last status. */
  int awaitStatus(int port, int wanted) throws Exception {
    long giveUp = System.nanoTime() + WAIT.toNanos();
    int status;
    do {
      status = get(port, MetricsServer.READINESS_PATH).statusCode();
      if (status != wanted) {
        Thread.sleep(100);
      }
    } while (status != wanted && System.nanoTime() < giveUp);
    return status;
  }
}
