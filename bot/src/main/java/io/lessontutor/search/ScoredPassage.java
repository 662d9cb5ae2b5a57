package io.lessontutor.search;

import io.lessontutor.knowledge.Passage;
import java.util.Objects;

/**
 * A passage with how well it matched a query.
 *
 * @param score the fused ranking score; higher is better, comparable only within one result list
 * @param bm25 the passage's BM25 score for the query (0 when BM25 did not find it)
 * @param similarity cosine similarity between query and passage embeddings, -1 to 1; {@link
 *     #NO_SIMILARITY} when the retriever has no embeddings (plain BM25)
 */
public record ScoredPassage(Passage passage, double score, double bm25, double similarity) {

  /** The similarity of a passage found without embeddings. */
  public static final double NO_SIMILARITY = Double.NaN;

  public ScoredPassage {
    Objects.requireNonNull(passage, "passage");
  }

  /** True when the retriever compared embeddings, so {@link #similarity} means something. */
  public boolean hasSimilarity() {
    return !Double.isNaN(similarity);
  }
}
