package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lessontutor.config.TutorConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackModeTest {

  static TutorConfig env(String... pairs) {
    var map = new java.util.HashMap<String, String>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return new TutorConfig(map);
  }

  @Test
  void socket_mode_is_the_default_when_an_app_token_is_set() {
    var config = env("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1", "SLACK_SIGNING_SECRET", "s");
    assertThat(SlackMode.choose(config, false)).isEqualTo(SlackMode.SOCKET);
  }

  @Test
  void http_mode_when_asked_or_when_only_a_signing_secret_is_set() {
    var both = env("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1", "SLACK_SIGNING_SECRET", "s");
    assertThat(SlackMode.choose(both, true)).isEqualTo(SlackMode.HTTP);
    assertThat(SlackMode.choose(env("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s"), false))
        .isEqualTo(SlackMode.HTTP);
  }

  @Test
  void missing_settings_are_named_without_revealing_any_secret() {
    assertThatThrownBy(() -> SlackMode.choose(new TutorConfig(Map.of()), false)).hasMessageContaining("SLACK_BOT_TOKEN");
    assertThatThrownBy(() -> SlackMode.choose(env("SLACK_BOT_TOKEN", "xoxb-secret"), false))
        .hasMessageContaining("SLACK_APP_TOKEN").hasMessageContaining("SLACK_SIGNING_SECRET")
        .hasMessageNotContaining("xoxb-secret");
    assertThatThrownBy(() -> SlackMode.choose(env("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1"), true))
        .hasMessageContaining("SLACK_SIGNING_SECRET");
  }
}
