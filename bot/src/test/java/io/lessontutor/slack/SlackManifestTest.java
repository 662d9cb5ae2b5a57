package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lessontutor.slack.checklist.ChecklistFeature;
import io.lessontutor.slack.quiz.SlackQuiz;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manifest people paste into Slack must ask for exactly what the app handles. */
class SlackManifestTest {

  private static final Path MANIFEST = SlackTestTutor.KNOWLEDGE.resolveSibling("scripts/slack-manifest.yml");

  private final JsonNode manifest = read();

  private static JsonNode read() {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(MANIFEST.toFile());
    } catch (IOException e) {
      throw new AssertionError("the manifest is not valid YAML: " + e.getMessage(), e);
    }
  }

  @Test
  void declares_the_slash_commands_the_app_handles() {
    assertThat(manifest.path("features").path("slash_commands").findValuesAsText("command"))
        .containsExactlyInAnyOrder(ChecklistFeature.COMMAND, SlackQuiz.COMMAND,
            io.lessontutor.slack.ask.PrivateAnswers.COMMAND, io.lessontutor.slack.settings.ReplySettings.COMMAND);
    assertThat(manifest.path("features").path("shortcuts").findValuesAsText("callback_id"))
        .containsExactly(io.lessontutor.slack.ask.PrivateAnswers.SHORTCUT);
  }

  @Test
  void subscribes_to_the_events_and_scopes_the_tutor_needs_with_socket_mode_on() {
    assertThat(texts(manifest.path("settings").path("event_subscriptions").path("bot_events")))
        .contains("app_mention", "message.im", "message.channels", "app_home_opened", "assistant_thread_started");
    assertThat(texts(manifest.path("oauth_config").path("scopes").path("bot")))
        .contains("app_mentions:read", "chat:write", "commands", "reactions:write", "im:history", "im:write",
            "channels:history", "assistant:write", "files:write");
    assertThat(manifest.path("settings").path("socket_mode_enabled").asBoolean()).isTrue();
    assertThat(manifest.path("settings").path("interactivity").path("is_enabled").asBoolean()).isTrue();
    assertThat(manifest.path("features").path("app_home").path("home_tab_enabled").asBoolean()).isTrue();
  }

  @Test
  void the_assistant_panel_suggests_the_lessons_own_questions() {
    assertThat(manifest.path("features").path("assistant_view").path("suggested_prompts").findValuesAsText("message"))
        .containsExactlyElementsOf(SlackTestTutor.library().lessons().get(0).suggestedQuestions());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
