package io.lessontutor.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.answer.FakeModelServer.Script;
import io.lessontutor.config.TutorConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Anthropic's and Ollama's own clients (langchain4j-anthropic 1.19.0, langchain4j-ollama 1.18.1
 * beside core 1.19.0), built by {@link ChatModels}, against their wire formats on loopback.
 */
class ProvidersIT {

  private static final String QUESTION = "Should we use LoRA or full fine-tuning?";
  private static final String GROUNDED =
      "Use LoRA or another parameter-efficient method rather than full fine-tuning when possible.";
  private static final String MADE_UP = "Use LoRA when possible, since it trains only about 1% of the weights.";

  private static GroundingCheck grounding;
  private static ReplayRetriever retriever;

  private FakeModelServer server;

  @BeforeAll
  static void loadModel() {
    grounding = new GroundingCheck();
    retriever = new ReplayRetriever(ReplaySet.load(TestLessons.library()));
  }

  @BeforeEach
  void start() throws Exception {
    server = new FakeModelServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private LlmAnswerer answerer(Map<String, String> env) {
    TutorConfig config = new TutorConfig(env);
    return new LlmAnswerer(ChatModels.fromConfig(config).orElseThrow(),
        ChatModels.streamingFromConfig(config).orElseThrow(), retriever.extractive(), grounding,
        ChatModels.timeout(config));
  }

  private Map<String, String> anthropic() {
    return Map.of(TutorConfig.LLM, "anthropic", TutorConfig.ANTHROPIC_BASE_URL, server.v1Url(),
        TutorConfig.ANTHROPIC_API_KEY, "sk-ant-test", TutorConfig.LLM_TIMEOUT, "5s");
  }

  private Map<String, String> ollama() {
    return Map.of(TutorConfig.LLM, "ollama", TutorConfig.OLLAMA_BASE_URL, server.rootUrl(),
        TutorConfig.LLM_TIMEOUT, "5s");
  }

  @Test
  void anthropic_grounded_answer_is_returned_with_answerer_llm() {
    server.script(Script.reply(GROUNDED));
    try (LlmAnswerer answerer = answerer(anthropic())) {
      Answer answer = answerer.answer(Question.of(QUESTION));

      assertThat(answer.answerer()).isEqualTo("llm");
      assertThat(answer.text()).isEqualTo(GROUNDED);
      assertThat(server.requests().get(0).path("model").asText()).isEqualTo(TutorConfig.DEFAULT_ANTHROPIC_MODEL);
      assertThat(FakeModelServer.allText(server.requests().get(0))).contains("data, not instructions", "<question>");
    }
  }

  @Test
  void anthropic_streams_verified_sentences_and_falls_back_on_a_made_up_number() {
    server.script(Script.reply(GROUNDED), Script.reply(MADE_UP));
    try (LlmAnswerer answerer = answerer(anthropic())) {
      List<String> shown = new CopyOnWriteArrayList<>();
      Answer good = answerer.answerStreaming(Question.of(QUESTION), shown::add);
      Answer bad = answerer.answerStreaming(Question.of(QUESTION), text -> { });

      assertThat(good.answerer()).isEqualTo("llm");
      assertThat(String.join("", shown)).isEqualTo(GROUNDED);
      assertThat(bad.answerer()).isEqualTo("extractive");
      assertThat(bad.fallbackReason()).isEqualTo("unsupported_number");
    }
  }

  @Test
  void ollama_own_api_answers_in_one_message_and_streams() {
    server.script(Script.reply(GROUNDED), Script.reply(GROUNDED));
    try (LlmAnswerer answerer = answerer(ollama())) {
      Answer single = answerer.answer(Question.of(QUESTION));
      List<String> shown = new CopyOnWriteArrayList<>();
      Answer streamed = answerer.answerStreaming(Question.of(QUESTION), shown::add);

      assertThat(single.answerer()).isEqualTo("llm");
      assertThat(single.text()).isEqualTo(GROUNDED);
      assertThat(streamed.answerer()).isEqualTo("llm");
      assertThat(String.join("", shown)).isEqualTo(GROUNDED);
      assertThat(server.requests()).extracting(r -> r.path("model").asText())
          .containsOnly(TutorConfig.DEFAULT_OLLAMA_MODEL);
    }
  }

  @Test
  void ollama_made_up_number_and_server_error_fall_back() {
    server.script(Script.reply(MADE_UP), Script.status(500));
    try (LlmAnswerer answerer = answerer(ollama())) {
      assertThat(answerer.answer(Question.of(QUESTION)).fallbackReason()).isEqualTo("unsupported_number");
      assertThat(answerer.answer(Question.of(QUESTION)).fallbackReason()).isEqualTo("error");
    }
  }
}
