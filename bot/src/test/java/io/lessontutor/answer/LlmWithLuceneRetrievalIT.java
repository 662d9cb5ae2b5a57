package io.lessontutor.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.search.MiniLmEmbeddingModel;
import io.lessontutor.answer.FakeModelServer.Script;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.search.LucenePassageRetriever;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real hybrid Lucene retriever and extractive answerer around the language model. */
class LlmWithLuceneRetrievalIT {

  @Test
  void grounded_answer_over_real_retrieval_is_posted_and_a_made_up_one_falls_back() throws Exception {
    var embeddings = new MiniLmEmbeddingModel();
    try (LucenePassageRetriever retriever = LucenePassageRetriever.hybrid(TestLessons.library().passages(), embeddings);
        FakeModelServer server = new FakeModelServer()) {
      Answerer extractive = new ExtractiveAnswerer(TestLessons.library(), retriever, retriever.vocabulary());
      TutorConfig config = new TutorConfig(Map.of(TutorConfig.LLM, "openai",
          TutorConfig.OPENAI_BASE_URL, server.v1Url(), TutorConfig.LLM_TIMEOUT, "5s"));
      server.script(
          Script.reply("Try prompt engineering first. Well-engineered prompts often match fine-tuning performance at zero cost."),
          Script.reply("Try prompt engineering first, ideally with a tool like LangSmith."));
      try (LlmAnswerer answerer = new LlmAnswerer(ChatModels.fromConfig(config).orElseThrow(), null,
          extractive, new GroundingCheck(embeddings), ChatModels.timeout(config))) {
        Answer good = answerer.answer(Question.of("What should we try first?"));
        Answer bad = answerer.answer(Question.of("What should we try first?"));

        assertThat(FakeModelServer.allText(server.requests().get(0))).contains("Try prompt engineering first");
        assertThat(good.answerer()).isEqualTo("llm");
        assertThat(bad.answerer()).isEqualTo("extractive");
        assertThat(bad.fallbackReason()).isEqualTo("unsupported_name");
        assertThat(bad.text()).isEqualTo(extractive.answer(Question.of("What should we try first?")).text());
        // the real relevance gate refuses off-topic questions before the model is asked
        Answer offTopic = answerer.answer(Question.of("What's the capital of Portugal?"));
        assertThat(offTopic.kind()).isEqualTo(Answer.Kind.REFUSED);
        assertThat(server.requests()).hasSize(2);
      }
    }
  }
}
