package io.lessontutor.search;

/**
 * How the hybrid retriever merges the BM25 ranking with the embedding ranking.
 */
public enum Fusion {
  /** Reciprocal rank fusion: 1 / (k + rank) summed over both rankings, k = {@value #RRF_K}. */
  RRF,
  /**
   * A weighted sum of the BM25 score scaled to 0..1 by the best BM25 score of its lesson for the query and the
   * cosine similarity; keeps how far apart the scores are, which RRF throws away.
   */
  WEIGHTED;

  /** RRF's damping constant, the value of the original paper. */
  public static final int RRF_K = 60;
  /** The weight of the scaled BM25 score in {@link #WEIGHTED}; the cosine gets the rest. */
  public static final double BM25_WEIGHT = 0.4;
}
