package io.lessontutor.search;
public class Sweep {
  public final LucenePassageRetriever r;
  public Sweep(java.util.List<io.lessontutor.knowledge.Passage> p, dev.langchain4j.model.embedding.EmbeddingModel m, double w, double g) { r = new LucenePassageRetriever(p, m, Fusion.WEIGHTED, w, g); }
  public Sweep(java.util.List<io.lessontutor.knowledge.Passage> p, dev.langchain4j.model.embedding.EmbeddingModel m, double w, double g, boolean rrf) { r = new LucenePassageRetriever(p, m, Fusion.RRF, w, g); }
}
