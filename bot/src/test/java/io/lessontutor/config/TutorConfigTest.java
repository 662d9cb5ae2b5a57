package io.lessontutor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TutorConfigTest {

  static TutorConfig config(String... keysAndValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new TutorConfig(env);
  }

  @Test
  void enum_like_values_are_read_in_any_case_and_others_name_the_choices() {
    assertThat(config(TutorConfig.RETRIEVAL, "BM25").retrieval()).isEqualTo("bm25");
    assertThat(config(TutorConfig.RETRIEVAL, "Hybrid").retrieval()).isEqualTo("hybrid");
    assertThat(config().retrieval()).isEqualTo("hybrid");
    assertThatThrownBy(() -> config(TutorConfig.RETRIEVAL, "magic").retrieval())
        .hasMessage("TUTOR_RETRIEVAL must be 'hybrid' or 'bm25' (in any case), not 'magic'");
  }

  @Test
  void numbers_are_checked_against_their_range_and_the_message_gives_it() {
    assertThat(config(TutorConfig.SLACK_WORKERS, "4").slackWorkers()).isEqualTo(4);
    assertThatThrownBy(() -> config(TutorConfig.SLACK_WORKERS, "0").slackWorkers())
        .hasMessage("TUTOR_SLACK_WORKERS must be a whole number from 1 to 256, not 0");
    assertThatThrownBy(() -> config(TutorConfig.PORT, "70000").port())
        .hasMessage("PORT must be a whole number from 1 to 65535, not 70000");
    assertThatThrownBy(() -> config(TutorConfig.PORT, "http").port())
        .hasMessage("PORT must be a whole number from 1 to 65535, not 'http'");
  }

  @Test
  void token_prefixes_are_checked_and_a_swap_is_named_without_showing_the_tokens() {
    String bot = "xoxb-1-secret-bot";
    String app = "xapp-1-secret-app";
    assertThat(config(TutorConfig.SLACK_BOT_TOKEN, bot).slackBotToken()).isEqualTo(bot);
    assertThat(config(TutorConfig.SLACK_APP_TOKEN, app).slackAppToken()).isEqualTo(app);

    TutorConfig swapped = config(TutorConfig.SLACK_BOT_TOKEN, app, TutorConfig.SLACK_APP_TOKEN, bot);
    assertThatThrownBy(swapped::slackBotToken).hasMessageContaining("SLACK_BOT_TOKEN holds an app-level token")
        .hasMessageContaining("are swapped").hasMessageNotContaining("secret");
    assertThatThrownBy(swapped::slackAppToken).hasMessageContaining("SLACK_APP_TOKEN holds a bot token")
        .hasMessageContaining("are swapped").hasMessageNotContaining("secret");
    assertThatThrownBy(() -> config(TutorConfig.SLACK_BOT_TOKEN, bot, TutorConfig.SLACK_APP_TOKEN, bot).slackAppToken())
        .hasMessageContaining("SLACK_APP_TOKEN holds a bot token (xoxb-...)").hasMessageNotContaining("swapped");
    assertThatThrownBy(() -> config(TutorConfig.SLACK_BOT_TOKEN, "xoxp-user").slackBotToken())
        .hasMessageContaining("starts with xoxb-").hasMessageContaining("user token");
    assertThatThrownBy(() -> config().slackBotToken()).hasMessageContaining("SLACK_BOT_TOKEN is not set");
  }

  @Test
  void the_slack_api_url_must_be_an_http_url_and_the_message_names_the_variable() {
    assertThat(config(TutorConfig.SLACK_API_URL, "http://127.0.0.1:8080/api").slackApiUrl())
        .isEqualTo("http://127.0.0.1:8080/api/");
    assertThatThrownBy(() -> config(TutorConfig.SLACK_API_URL, "not-a-url").slackApiUrl())
        .hasMessage("SLACK_API_URL must be an http:// or https:// URL such as https://slack.com/api/, not 'not-a-url'");
    assertThatThrownBy(() -> config(TutorConfig.SLACK_API_URL, "ftp://x/api/").slackApiUrl())
        .hasMessageStartingWith("SLACK_API_URL must be");
  }
}
