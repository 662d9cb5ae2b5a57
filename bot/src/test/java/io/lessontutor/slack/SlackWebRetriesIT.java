package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.FakeSlackApi.Reply;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SlackWeb}'s retries against a fake Web API on loopback: a transient failure (5xx,
 * connection reset) is retried with a growing pause, a bounded number of times, and a post is
 * never shown twice, also when Slack had carried it out before failing.
 */
class SlackWebRetriesIT {

  static final String CHANNEL = "C0RETRY";

  FakeSlackApi api;
  SlackWeb web;

  @BeforeEach
  void start() throws Exception {
    api = new FakeSlackApi();
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(api.url());
    web = new SlackWeb(Slack.getInstance(config).methods(SlackTestTutor.BOT_TOKEN));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void an_update_that_gets_5xx_is_retried_with_a_growing_pause_until_it_lands() {
    api.enqueue("chat.update", Reply.serverError(), Reply.serverError());

    web.updateMessage(CHANNEL, "100.000001", "revealed", null);

    List<Call> updates = api.calls("chat.update");
    assertThat(updates).hasSize(3);
    long firstPause = (updates.get(1).atNanos() - updates.get(0).atNanos()) / 1_000_000;
    long secondPause = (updates.get(2).atNanos() - updates.get(1).atNanos()) / 1_000_000;
    assertThat(firstPause).isGreaterThanOrEqualTo(SlackWeb.FIRST_BACKOFF.toMillis());
    assertThat(secondPause).isGreaterThanOrEqualTo(2 * SlackWeb.FIRST_BACKOFF.toMillis());
  }

  @Test
  void retries_are_bounded_and_the_last_failure_names_slacks_error() {
    for (int i = 0; i <= SlackWeb.MAX_TRANSIENT_RETRIES; i++) {
      api.enqueue("chat.update", Reply.serverError());
    }

    assertThatThrownBy(() -> web.updateMessage(CHANNEL, "100.000001", "revealed", null))
        .isInstanceOf(SlackCallException.class)
        .hasMessageContaining("chat.update").hasMessageContaining("http_503")
        .hasMessageContaining("after " + (SlackWeb.MAX_TRANSIENT_RETRIES + 1) + " attempts");
    assertThat(api.calls("chat.update")).hasSize(SlackWeb.MAX_TRANSIENT_RETRIES + 1);
  }

  @Test
  void slacks_internal_error_is_retried_and_an_error_of_ours_is_not() {
    api.enqueue("chat.update", Reply.error("internal_error"));
    web.updateMessage(CHANNEL, "100.000001", "revealed", null);
    assertThat(api.calls("chat.update")).hasSize(2);

    api.clear();
    api.enqueue("chat.update", Reply.error("message_not_found"));
    assertThatThrownBy(() -> web.updateMessage(CHANNEL, "100.000001", "revealed", null))
        .isInstanceOf(SlackCallException.class).hasMessageContaining("message_not_found");
    assertThat(api.calls("chat.update")).hasSize(1);
  }

  @Test
  void a_post_that_got_5xx_without_landing_is_posted_again_once() {
    api.enqueue("chat.postMessage", Reply.serverError());

    String ts = web.postMessage(CHANNEL, null, "the leaderboard", null);

    assertThat(api.calls("chat.postMessage")).hasSize(2);
    assertThat(api.calls("conversations.history")).hasSize(1);
    assertThat(ts).isEqualTo(api.reply(api.calls("chat.postMessage").get(1)).path("ts").asText());
  }

  @Test
  void a_post_that_landed_before_a_5xx_is_not_posted_twice() {
    api.enqueue("chat.postMessage", Reply.serverErrorAfterActing());

    String ts = web.postMessage(CHANNEL, null, "the leaderboard", null);

    assertThat(api.calls("chat.postMessage")).hasSize(1);
    assertThat(ts).isNotBlank();
    Call history = api.calls("conversations.history").get(0);
    assertThat(history.param("include_all_metadata")).isEqualTo("1");
  }

  @Test
  void a_reply_in_a_thread_that_landed_before_a_connection_reset_is_not_posted_twice() {
    api.enqueue("chat.postMessage", Reply.connectionReset(true));

    web.postMessage(CHANNEL, "100.000001", "an answer", null);

    assertThat(api.calls("chat.postMessage")).hasSize(1);
    assertThat(api.calls("conversations.replies")).hasSize(1);
  }

  @Test
  void a_post_is_not_repeated_when_slack_cannot_tell_whether_it_landed() {
    api.enqueue("chat.postMessage", Reply.serverError());
    api.enqueue("conversations.history", Reply.error("missing_scope"));

    assertThatThrownBy(() -> web.postMessage(CHANNEL, null, "the leaderboard", null))
        .isInstanceOf(SlackCallException.class).hasMessageContaining("http_503");
    assertThat(api.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  void an_ephemeral_post_is_repeated_only_when_it_never_left() {
    api.enqueue("chat.postEphemeral", Reply.serverError());
    assertThatThrownBy(() -> web.postEphemeral(CHANNEL, null, "UALICE", "thanks", null))
        .isInstanceOf(SlackCallException.class).hasMessageContaining("not repeated");
    assertThat(api.calls("chat.postEphemeral")).hasSize(1);
  }

  @Test
  void a_refused_connection_is_known_never_to_have_reached_slack() {
    assertThat(SlackWeb.neverSent(new java.net.ConnectException("refused"))).isTrue();
    assertThat(SlackWeb.neverSent(new java.net.SocketTimeoutException("read timed out"))).isFalse();
    assertThat(SlackWeb.neverSent(new java.net.SocketException("Connection reset"))).isFalse();
  }
}
