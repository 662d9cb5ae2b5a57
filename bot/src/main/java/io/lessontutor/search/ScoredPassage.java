package io.lessontutor.search;

import io.lessontutor.knowledge.Passage;
import java.util.Objects;

/**
 * A passage with how well it matched a query.
 *
 * @param score the fused ranking score; higher is better, comparable only within one result list
 * @param bm25 the passage's BM25 score for the query (0 when BM25 did not find it)
 * @param similarity cosine similarity between query and passage embeddings, -1 to 1 (0 in BM25 mode)
 */
public record ScoredPassage(Passage passage, double score, double bm25, double similarity) {
  public ScoredPassage {
    Objects.requireNonNull(passage, "passage");
  }
}
