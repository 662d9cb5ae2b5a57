package io.lessontutor.checklist;

import static io.lessontutor.checklist.DecisionRules.DATA_HIGH_QUALITY;
import static io.lessontutor.checklist.DecisionRules.FORMAT_AT_VOLUME;
import static io.lessontutor.checklist.DecisionRules.KNOWLEDGE_GAP;
import static io.lessontutor.checklist.DecisionRules.LARGE_LABELED_DATASET;
import static io.lessontutor.checklist.DecisionRules.LATENCY_OR_COST_PROBLEM;
import static io.lessontutor.checklist.DecisionRules.PROMPTING_PUSHED;
import static io.lessontutor.checklist.DecisionRules.RAG_TRIED;
import static io.lessontutor.checklist.DecisionRules.SLOWER_ITERATION_OK;
import static io.lessontutor.checklist.DecisionRules.USE_CASE_SOUND;
import static io.lessontutor.checklist.DecisionRules.USE_CASE_STABLE;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.lessontutor.search.MiniLmEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Matches one clause of a description to the check it states, by meaning: the clause and a table
 * of example statements per check are embedded with the in-process MiniLM model and the nearest
 * example wins when it is close enough.
 *
 * <p>Negation is handled explicitly, because sentence embeddings barely see it ("we have tried RAG"
 * and "we have not tried RAG" are neighbours): negators are taken out of the clause before
 * embedding, the examples are all written without one, and a negated clause flips the answer of
 * the example it matches.
 *
 * <p>Thread-safe: the model is, and the example vectors never change after construction.
 */
public final class ClauseMatcher {

  /** The least cosine similarity to an example for a clause to count as stating its check. */
  public static final double DEFAULT_MIN_SIMILARITY = 0.60;

  /** A clause's match: the check, the answer the clause gives it, and how close the example was. */
  public record Match(String check, AnswerValue answer, double similarity, String example) {}

  private record Example(String check, AnswerValue answer, String text, float[] vector) {}

  /** Example statements: check, answer, text. Written as people describe their own situation. */
  private static final String[][] EXAMPLES = {
      {USE_CASE_SOUND, "yes", "customers rely on it every day"},
      {USE_CASE_SOUND, "yes", "everyone relies on it"},
      {USE_CASE_SOUND, "yes", "users depend on it daily"},
      {USE_CASE_SOUND, "no", "it is only a demo to show people"},
      {USE_CASE_SOUND, "yes", "it solves a real problem for our users"},
      {USE_CASE_SOUND, "yes", "users love it and it saves them time"},
      {USE_CASE_SOUND, "yes", "people asked for it, there is clear demand"},
      {USE_CASE_SOUND, "yes", "people asked for this"},
      {USE_CASE_SOUND, "yes", "it is a real need for the business"},
      {USE_CASE_SOUND, "no", "it is a solution looking for a problem"},
      {USE_CASE_SOUND, "no", "it is just a tech demo"},
      {USE_CASE_SOUND, "no", "leadership just wants ai in the product"},
      {PROMPTING_PUSHED, "yes", "we squeezed everything out of the prompts"},
      {PROMPTING_PUSHED, "yes", "the prompts are as good as we can make them"},
      {PROMPTING_PUSHED, "yes", "we spent months iterating on prompt engineering"},
      {PROMPTING_PUSHED, "yes", "we tried few shot examples and chain of thought"},
      {PROMPTING_PUSHED, "no", "the prompt is a first draft"},
      {PROMPTING_PUSHED, "no", "we barely touched the prompt"},
      {PROMPTING_PUSHED, "no", "our prompt is a single line"},
      {KNOWLEDGE_GAP, "yes", "the model makes up facts about our product catalogue"},
      {KNOWLEDGE_GAP, "yes", "it invents our internal policies"},
      {KNOWLEDGE_GAP, "yes", "the model needs our domain knowledge"},
      {KNOWLEDGE_GAP, "no", "the model already has all the context it needs"},
      {KNOWLEDGE_GAP, "no", "the bot answers questions about our policies correctly"},
      {RAG_TRIED, "yes", "retrieval over our documents is live in production"},
      {RAG_TRIED, "yes", "we already wired up rag"},
      {RAG_TRIED, "no", "retrieval is still on the roadmap"},
      {USE_CASE_STABLE, "yes", "the scope has stayed the same for months"},
      {USE_CASE_STABLE, "yes", "requirements are locked"},
      {USE_CASE_STABLE, "no", "the spec moves every month"},
      {USE_CASE_STABLE, "no", "we are still figuring out what the product should do"},
      {USE_CASE_STABLE, "no", "the task keeps changing as we learn"},
      {LARGE_LABELED_DATASET, "yes", "we have hundreds of thousands of labeled examples"},
      {LARGE_LABELED_DATASET, "yes", "plenty of training data"},
      {LARGE_LABELED_DATASET, "no", "we only have a handful of examples"},
      {LARGE_LABELED_DATASET, "no", "we only have raw logs"},
      {DATA_HIGH_QUALITY, "yes", "the labels were reviewed and double checked"},
      {DATA_HIGH_QUALITY, "no", "half the labels are wrong"},
      {DATA_HIGH_QUALITY, "no", "our labels are a mess"},
      {DATA_HIGH_QUALITY, "no", "the labelers disagreed a lot"},
      {LATENCY_OR_COST_PROBLEM, "yes", "the inference bill is our biggest cost"},
      {LATENCY_OR_COST_PROBLEM, "yes", "responses are too slow for our users"},
      {LATENCY_OR_COST_PROBLEM, "yes", "cost per call is killing us"},
      {LATENCY_OR_COST_PROBLEM, "no", "the api bill is fine"},
      {FORMAT_AT_VOLUME, "yes", "every reply must follow the exact same json schema at high volume"},
      {FORMAT_AT_VOLUME, "yes", "the tone has to match our brand across millions of messages"},
      {FORMAT_AT_VOLUME, "no", "the output format can be loose"},
      {SLOWER_ITERATION_OK, "yes", "we are fine with slower iteration"},
      {SLOWER_ITERATION_OK, "yes", "slower releases are acceptable"},
      {SLOWER_ITERATION_OK, "no", "we ship changes daily and a retrain would block us"},
      {SLOWER_ITERATION_OK, "no", "slow iteration would kill us"},
      {USE_CASE_SOUND, "yes", "our support agents depend on it"},
      {USE_CASE_SOUND, "no", "it is a side project with few real users"},
      {PROMPTING_PUSHED, "yes", "we have an eval set and have tuned the prompt against it"},
      {PROMPTING_PUSHED, "no", "we wrote one quick instruction and moved on"},
      {KNOWLEDGE_GAP, "yes", "answers are wrong because the model is blind to our documents"},
      {RAG_TRIED, "yes", "retrieval is live"},
      {RAG_TRIED, "yes", "we index our docs and pass the top hits to the model"},
      {USE_CASE_STABLE, "no", "the scope keeps moving"},
      {USE_CASE_STABLE, "no", "this is just a side experiment"},
      {USE_CASE_STABLE, "yes", "the workflow is settled and mature"},
      {LARGE_LABELED_DATASET, "yes", "a big archive of annotated tickets"},
      {LARGE_LABELED_DATASET, "no", "a tiny sample of labeled rows"},
      {DATA_HIGH_QUALITY, "yes", "a gold standard set checked by experts"},
      {DATA_HIGH_QUALITY, "no", "the annotations are full of errors"},
      {LATENCY_OR_COST_PROBLEM, "yes", "the model is too expensive at our volume"},
      {LATENCY_OR_COST_PROBLEM, "no", "speed and price are acceptable"},
      {FORMAT_AT_VOLUME, "yes", "outputs must be in one strict structure for every request"},
      {SLOWER_ITERATION_OK, "yes", "we can wait weeks between model updates"},
      {SLOWER_ITERATION_OK, "no", "we change the behaviour several times a week"},
  };


  private static volatile ClauseMatcher shared;

  private final EmbeddingModel model;
  private final double minSimilarity;
  private final List<Example> examples;

  public ClauseMatcher(EmbeddingModel model, double minSimilarity) {
    this.model = Objects.requireNonNull(model, "model");
    this.minSimilarity = minSimilarity;
    List<Example> built = new ArrayList<>();
    for (String[] row : EXAMPLES) {
      List<String> words = Prefill.words(Prefill.normalize(row[2]));
      if (Prefill.negated(words)) {
        // a clause is embedded without its negators; an example must read the same way
        throw new IllegalStateException("a clause example must not be negated: " + row[2]);
      }
      built.add(new Example(row[0], AnswerValue.parse(row[1]).orElseThrow(), row[2], embed(words)));
    }
    this.examples = List.copyOf(built);
  }

  /** One matcher per process on the bundled MiniLM model, built on first use (about a second). */
  public static ClauseMatcher shared() {
    ClauseMatcher m = shared;
    if (m == null) {
      synchronized (ClauseMatcher.class) {
        m = shared;
        if (m == null) {
          m = new ClauseMatcher(new MiniLmEmbeddingModel(), DEFAULT_MIN_SIMILARITY);
          shared = m;
        }
      }
    }
    return m;
  }

  /** The same examples and model with another threshold, for measuring. */
  public ClauseMatcher withMinSimilarity(double min) {
    return new ClauseMatcher(this, min);
  }

  private ClauseMatcher(ClauseMatcher other, double minSimilarity) {
    this.model = other.model;
    this.examples = other.examples;
    this.minSimilarity = minSimilarity;
  }

  /** The check a clause (normalized words) states, if an example is close enough. */
  public Optional<Match> match(List<String> clause) {
    List<String> plain = Prefill.withoutNegators(clause);
    if (plain.isEmpty()) {
      return Optional.empty();
    }
    float[] v = embed(plain);
    Example best = null;
    double bestScore = -1;
    for (Example e : examples) {
      double score = dot(v, e.vector());
      if (score > bestScore) {
        bestScore = score;
        best = e;
      }
    }
    if (best == null || bestScore < minSimilarity) {
      return Optional.empty();
    }
    AnswerValue answer = Prefill.negated(clause) ? Prefill.flip(best.answer()) : best.answer();
    return Optional.of(new Match(best.check(), answer, bestScore, best.text()));
  }

  private float[] embed(List<String> words) {
    Embedding e = model.embed(TextSegment.from(String.join(" ", words))).content();
    e.normalize();
    return e.vector();
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
