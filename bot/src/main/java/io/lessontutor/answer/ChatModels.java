package io.lessontutor.answer;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.lessontutor.config.TutorConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the language model chosen by {@value TutorConfig#LLM} from the provider's usual
 * variables. {@code none} (the default) builds nothing: the tutor then answers extractively and
 * makes no network call.
 *
 * <p>A chosen provider without its key stops start-up with a message naming the variable; keys
 * are never logged. OpenAI-compatible servers (vLLM, LM Studio, Ollama's {@code /v1}) run as
 * {@code openai} with {@value TutorConfig#OPENAI_BASE_URL}; they need no key.
 */
public final class ChatModels {

  /** The providers {@value TutorConfig#LLM} accepts. */
  public enum Provider { NONE, OPENAI, ANTHROPIC, OLLAMA }

  /** Low, so the model keeps close to the passages' wording. */
  static final double TEMPERATURE = 0.2;
  /** Three short sentences fit easily; a runaway reply is cut. */
  static final int MAX_TOKENS = 220;
  /** Sent to OpenAI-compatible servers that want some key but check none. */
  static final String NO_KEY = "not-needed";

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s)?");

  private ChatModels() {
  }

  public static Provider provider(TutorConfig config) {
    String value = config.get(TutorConfig.LLM, TutorConfig.DEFAULT_LLM).toLowerCase(Locale.ROOT);
    try {
      return Provider.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(TutorConfig.LLM + " must be none, openai, anthropic or ollama, not '" + value + "'");
    }
  }

  /** {@value TutorConfig#LLM_TIMEOUT}: whole seconds ("8"), or "8s", "1500ms". */
  public static Duration timeout(TutorConfig config) {
    String value = config.get(TutorConfig.LLM_TIMEOUT, TutorConfig.DEFAULT_LLM_TIMEOUT).toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(value);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(TutorConfig.LLM_TIMEOUT + " must be a positive duration such as 8, 8s or 1500ms, not '" + value + "'");
    }
    long amount = Long.parseLong(m.group(1));
    return "ms".equals(m.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
  }

  /** The chat model for single-message answers, or empty for {@code none}. */
  public static Optional<ChatModel> fromConfig(TutorConfig config) {
    Duration timeout = timeout(config);
    return switch (provider(config)) {
      case NONE -> Optional.empty();
      case OPENAI -> Optional.of(OpenAiChatModel.builder()
          .baseUrl(config.get(TutorConfig.OPENAI_BASE_URL).orElse(null))
          .apiKey(openAiKey(config))
          .modelName(config.get(TutorConfig.OPENAI_MODEL, TutorConfig.DEFAULT_OPENAI_MODEL))
          .temperature(TEMPERATURE).maxTokens(MAX_TOKENS)
          .timeout(timeout).maxRetries(0)
          .build());
      case ANTHROPIC -> Optional.of(AnthropicChatModel.builder()
          .baseUrl(config.get(TutorConfig.ANTHROPIC_BASE_URL).orElse(null))
          .apiKey(required(config, TutorConfig.ANTHROPIC_API_KEY))
          .modelName(config.get(TutorConfig.ANTHROPIC_MODEL, TutorConfig.DEFAULT_ANTHROPIC_MODEL))
          .temperature(TEMPERATURE).maxTokens(MAX_TOKENS)
          .timeout(timeout).maxRetries(0)
          .build());
      case OLLAMA -> Optional.of(OllamaChatModel.builder()
          .baseUrl(config.get(TutorConfig.OLLAMA_BASE_URL, TutorConfig.DEFAULT_OLLAMA_BASE_URL))
          .modelName(config.get(TutorConfig.OLLAMA_MODEL, TutorConfig.DEFAULT_OLLAMA_MODEL))
          .temperature(TEMPERATURE).numPredict(MAX_TOKENS)
          .timeout(timeout).maxRetries(0)
          .build());
    };
  }

  /** The same model, streaming token by token, or empty for {@code none}. */
  public static Optional<StreamingChatModel> streamingFromConfig(TutorConfig config) {
    Duration timeout = timeout(config);
    return switch (provider(config)) {
      case NONE -> Optional.empty();
      case OPENAI -> Optional.of(OpenAiStreamingChatModel.builder()
          .baseUrl(config.get(TutorConfig.OPENAI_BASE_URL).orElse(null))
          .apiKey(openAiKey(config))
          .modelName(config.get(TutorConfig.OPENAI_MODEL, TutorConfig.DEFAULT_OPENAI_MODEL))
          .temperature(TEMPERATURE).maxTokens(MAX_TOKENS)
          .timeout(timeout)
          .build());
      case ANTHROPIC -> Optional.of(AnthropicStreamingChatModel.builder()
          .baseUrl(config.get(TutorConfig.ANTHROPIC_BASE_URL).orElse(null))
          .apiKey(required(config, TutorConfig.ANTHROPIC_API_KEY))
          .modelName(config.get(TutorConfig.ANTHROPIC_MODEL, TutorConfig.DEFAULT_ANTHROPIC_MODEL))
          .temperature(TEMPERATURE).maxTokens(MAX_TOKENS)
          .timeout(timeout)
          .build());
      case OLLAMA -> Optional.of(OllamaStreamingChatModel.builder()
          .baseUrl(config.get(TutorConfig.OLLAMA_BASE_URL, TutorConfig.DEFAULT_OLLAMA_BASE_URL))
          .modelName(config.get(TutorConfig.OLLAMA_MODEL, TutorConfig.DEFAULT_OLLAMA_MODEL))
          .temperature(TEMPERATURE).numPredict(MAX_TOKENS)
          .timeout(timeout)
          .build());
    };
  }

  /**
   * The answerer the configuration asks for: the extractive one alone for {@code none}, else an
   * {@link LlmAnswerer} over it. A missing key stops here.
   *
   * @param embeddings the embedding model to share with the grounding check, or null to load one
   *     (only when a language model is configured)
   */
  public static StreamingAnswerer answerer(TutorConfig config, Answerer extractive, EmbeddingModel embeddings) {
    Optional<ChatModel> chat = fromConfig(config);
    if (chat.isEmpty()) {
      return StreamingAnswerer.of(extractive);
    }
    GroundingCheck grounding = embeddings == null ? new GroundingCheck() : new GroundingCheck(embeddings);
    return new LlmAnswerer(chat.get(), streamingFromConfig(config).orElse(null), extractive,
        grounding, timeout(config));
  }

  private static String openAiKey(TutorConfig config) {
    if (config.get(TutorConfig.OPENAI_BASE_URL).isPresent()) {
      // A self-hosted OpenAI-compatible server usually checks no key.
      return config.get(TutorConfig.OPENAI_API_KEY, NO_KEY);
    }
    return required(config, TutorConfig.OPENAI_API_KEY);
  }

  private static String required(TutorConfig config, String key) {
    return config.get(key).orElseThrow(() -> new IllegalArgumentException(
        TutorConfig.LLM + "=" + config.get(TutorConfig.LLM, TutorConfig.DEFAULT_LLM) + " needs " + key
            + ": set it, or set " + TutorConfig.LLM + "=none to answer without a language model"));
  }
}
