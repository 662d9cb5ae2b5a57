package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.lessontutor.config.StartupException;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Reply;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up against Slack: "cannot reach Slack" and "Slack refuses the token" are told apart. */
class SlackStartupIT {

  static Slack slackAt(String url) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(url);
    return Slack.getInstance(config);
  }

  @Test
  void slack_that_cannot_be_reached_is_named_with_its_url_not_called_an_invalid_token() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed + "/api/";
    assertThatThrownBy(() -> SlackApp.checkBotToken(slackAt(url), SlackTestTutor.BOT_TOKEN, url))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("cannot reach Slack at " + url + " (ConnectException")
        .hasMessageContaining("SLACK_API_URL").hasMessageNotContaining("invalid");
  }

  @Test
  void a_token_slack_refuses_is_named_with_slacks_error_and_where_to_get_a_new_one() throws Exception {
    try (FakeSlackApi api = new FakeSlackApi()) {
      // The SDK's own team-id cache asks auth.test first; both get the refusal.
      api.enqueue("auth.test", Reply.error("invalid_auth"), Reply.error("invalid_auth"));
      assertThatThrownBy(() -> SlackApp.checkBotToken(slackAt(api.url()), SlackTestTutor.BOT_TOKEN, api.url()))
          .isInstanceOf(StartupException.class)
          .hasMessage("Slack says SLACK_BOT_TOKEN is not valid (invalid_auth): copy the Bot User OAuth Token (xoxb-...)"
              + " again from your Slack app's OAuth & Permissions page, and reinstall the app if it was removed.");
    }
  }

  @Test
  void a_url_that_is_not_slacks_api_is_named() throws Exception {
    try (FakeSlackApi api = new FakeSlackApi()) {
      api.enqueue("auth.test", new Reply(404, Map.of(), "not here"), new Reply(404, Map.of(), "not here"));
      assertThatThrownBy(() -> SlackApp.checkBotToken(slackAt(api.url()), SlackTestTutor.BOT_TOKEN, api.url()))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("answered auth.test with HTTP 404").hasMessageContaining("check SLACK_API_URL");
    }
  }

  @Test
  void socket_mode_refused_by_slack_names_the_app_token_and_other_failures_the_connection() {
    org.assertj.core.api.Assertions.assertThat(SlackRunner.socketModeFailure(
        new java.io.IOException("Failed to connect to the Socket Mode endpoint URL (error: invalid_auth)")))
        .hasMessageStartingWith("Slack says SLACK_APP_TOKEN is not valid (invalid_auth)");
    org.assertj.core.api.Assertions.assertThat(SlackRunner.socketModeFailure(
        new java.io.IOException("connect", new java.net.ConnectException("Connection refused"))))
        .hasMessageStartingWith("cannot open a Socket Mode connection to Slack (ConnectException: Connection refused)");
  }
}
