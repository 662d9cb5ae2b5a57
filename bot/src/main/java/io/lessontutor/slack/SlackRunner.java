package io.lessontutor.slack;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
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
      case HTTP -> runHttp(tutor, config.getInt(TutorConfig.PORT, TutorConfig.DEFAULT_PORT), features);
    }
  }

  /** Connects to Slack over a WebSocket with {@code SLACK_APP_TOKEN}; blocks until shutdown. */
  public static void runSocketMode(Tutor tutor, List<SlackFeature> features) throws Exception {
    String appToken = tutor.config().get(TutorConfig.SLACK_APP_TOKEN).orElseThrow(() ->
        new IllegalArgumentException(TutorConfig.SLACK_APP_TOKEN + " is not set: create an app-level token"
            + " with connections:write on your Slack app's Basic Information page."));
    SlackApp slack = SlackApp.build(tutor, features);
    SocketModeApp socketMode = new SocketModeApp(appToken, slack.app(), SocketModeClient.Backend.JavaWebSocket);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        socketMode.close();
      } catch (Exception e) {
        log.warn("Socket Mode did not close cleanly: {}", e.toString());
      }
      slack.close();
      tutor.close();
    }, "slack-shutdown"));
    log.info("Connecting to Slack in Socket Mode");
    socketMode.start();
  }

  /** Serves Slack's requests on {@code port}; blocks until shutdown. */
  public static void runHttp(Tutor tutor, int port, List<SlackFeature> features) throws Exception {
    SlackApp slack = SlackApp.build(tutor, features);
    SlackHttpServer server = SlackHttpServer.start(slack.app(), new InetSocketAddress(port), slack.health());
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
