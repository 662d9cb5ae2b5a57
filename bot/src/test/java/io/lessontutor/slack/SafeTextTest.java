package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

  @Test
  void broadcasts_cannot_ping_in_any_form() {
    String safe = SafeText.neutralize("<!channel> <!here|here> <!everyone> @channel @HERE @everyone");
    assertThat(safe).doesNotContain("<").doesNotContainPattern("(?i)@(channel|here|everyone)");
    assertThat(safe.replace("\u200B", "")).contains("@channel").contains("@here").contains("@everyone");
  }

  @Test
  void people_and_user_groups_cannot_be_pinged() {
    String safe = SafeText.neutralize("ask <@U123> or <@U456|bob> or <!subteam^S1|@devs>");
    assertThat(safe).doesNotContain("<@").doesNotContain("<!").doesNotContainPattern("@(U123|bob|devs)");
    assertThat(safe.replace("\u200B", "")).isEqualTo("ask @U123 or @bob or @devs");
  }

  @Test
  void escaped_angle_brackets_cannot_form_a_new_entity() {
    assertThat(SafeText.neutralize("&lt;!channel&gt; a < b & c")).isEqualTo("&lt;!channel&gt; a &lt; b &amp; c");
  }

  @Test
  void plain_turns_slack_markup_into_what_the_person_typed() {
    assertThat(SafeText.plain("what about <https://example.com|LoRA> &amp; RAG &lt;3"))
        .isEqualTo("what about LoRA & RAG <3");
  }

  @Test
  void null_is_empty() {
    assertThat(SafeText.neutralize(null)).isEmpty();
    assertThat(SafeText.plain(null)).isEmpty();
  }
}
