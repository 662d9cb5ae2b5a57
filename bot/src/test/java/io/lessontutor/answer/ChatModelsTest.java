package io.lessontutor.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lessontutor.config.TutorConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatModelsTest {

  @Test
  void none_is_the_default_and_builds_no_model() {
    TutorConfig config = new TutorConfig(Map.of());
    Answerer extractive = q -> { throw new AssertionError("not asked"); };

    assertThat(ChatModels.provider(config)).isEqualTo(ChatModels.Provider.NONE);
    assertThat(ChatModels.fromConfig(config)).isEmpty();
    assertThat(ChatModels.streamingFromConfig(config)).isEmpty();
    assertThat(ChatModels.answerer(config, extractive, null))
        .isNotInstanceOf(LlmAnswerer.class);
  }

  @Test
  void missing_key_for_a_chosen_provider_stops_start_up_naming_the_variable() {
    assertThatThrownBy(() -> ChatModels.fromConfig(new TutorConfig(Map.of(TutorConfig.LLM, "openai"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OPENAI_API_KEY").hasMessageContaining("TUTOR_LLM=none");
    assertThatThrownBy(() -> ChatModels.streamingFromConfig(new TutorConfig(Map.of(TutorConfig.LLM, "anthropic"))))
        .hasMessageContaining("ANTHROPIC_API_KEY");
  }

  @Test
  void openai_compatible_server_with_a_base_url_needs_no_key() {
    TutorConfig config = new TutorConfig(Map.of(TutorConfig.LLM, "openai",
        TutorConfig.OPENAI_BASE_URL, "http://127.0.0.1:11434/v1"));

    assertThat(ChatModels.fromConfig(config)).isPresent();
  }

  @Test
  void unknown_provider_is_named_in_a_clear_message() {
    assertThatThrownBy(() -> ChatModels.provider(new TutorConfig(Map.of(TutorConfig.LLM, "gemini"))))
        .hasMessage("TUTOR_LLM must be none, openai, anthropic or ollama, not 'gemini'");
  }

  @Test
  void timeout_reads_seconds_or_milliseconds_and_defaults_to_eight_seconds() {
    assertThat(ChatModels.timeout(new TutorConfig(Map.of()))).isEqualTo(Duration.ofSeconds(8));
    assertThat(ChatModels.timeout(new TutorConfig(Map.of(TutorConfig.LLM_TIMEOUT, "12")))).isEqualTo(Duration.ofSeconds(12));
    assertThat(ChatModels.timeout(new TutorConfig(Map.of(TutorConfig.LLM_TIMEOUT, "1500ms")))).isEqualTo(Duration.ofMillis(1500));
    assertThatThrownBy(() -> ChatModels.timeout(new TutorConfig(Map.of(TutorConfig.LLM_TIMEOUT, "soon"))))
        .hasMessageContaining("TUTOR_LLM_TIMEOUT");
  }

  @Test
  void keys_stay_out_of_the_configuration_text() {
    TutorConfig config = new TutorConfig(Map.of(TutorConfig.LLM, "openai", TutorConfig.OPENAI_API_KEY, "sk-very-secret"));

    assertThat(config.toString()).doesNotContain("sk-very-secret");
  }
}
