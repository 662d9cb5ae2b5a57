package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlackWebTest {

  @Test
  void retry_after_is_read_in_seconds_and_capped() {
    assertThat(SlackWeb.retryAfter("2")).isEqualTo(Duration.ofSeconds(2));
    assertThat(SlackWeb.retryAfter("3600")).isEqualTo(SlackWeb.MAX_RETRY_AFTER);
    assertThat(SlackWeb.retryAfter(null)).isEqualTo(SlackWeb.DEFAULT_RETRY_AFTER);
    assertThat(SlackWeb.retryAfter("soon")).isEqualTo(SlackWeb.DEFAULT_RETRY_AFTER);
  }
}
