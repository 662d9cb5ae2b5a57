package io.lessontutor;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.search.Fusion;
import io.lessontutor.search.LucenePassageRetriever;
import io.lessontutor.search.ScoredPassage;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

public class Explore {
  public static void main(String[] a) {
    LessonLibrary lib = LessonLibrary.load(Path.of("../knowledge"));
    var model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    var rrf = new LucenePassageRetriever(lib.passages(), model, Fusion.RRF);
    var w = new LucenePassageRetriever(lib.passages(), model, Fusion.WEIGHTED);
    var bm = LucenePassageRetriever.bm25(lib.passages());
    QuestionSet qs = QuestionSet.load();
    if (a.length > 0) {
      for (double wt : new double[] {0.2, 0.3, 0.4, 0.5, 0.6, 0.7}) for (double gp : new double[] {0.4, 0.6, 0.8}) {
        var r = new io.lessontutor.search.Sweep(lib.passages(), model, wt, gp);
        int ok = 0; for (var q : qs.answerable()) { var t = r.r.retrieve(q.question(), 1); if (t.get(0).passage().id().transform(q::accepts)) ok++; }
        int ok2 = 0; var rr = new io.lessontutor.search.Sweep(lib.passages(), model, wt, gp, true);
        for (var q : qs.answerable()) { var t = rr.r.retrieve(q.question(), 1); if (t.get(0).passage().id().transform(q::accepts)) ok2++; }
        System.out.printf("w=%.1f gp=%.1f weighted=%d rrf=%d%n", wt, gp, ok, ok2);
      }
      return;
    }
    int okR = 0, okW = 0, okB = 0;
    for (var q : qs.answerable()) {
      var r = rrf.retrieve(q.question(), 3); var ww = w.retrieve(q.question(), 3); var b = bm.retrieve(q.question(), 3);
      boolean r1 = !r.isEmpty() && r.get(0).passage().id().transform(q::accepts);
      boolean w1 = !ww.isEmpty() && ww.get(0).passage().id().transform(q::accepts);
      boolean b1 = !b.isEmpty() && b.get(0).passage().id().transform(q::accepts);
      okR += r1 ? 1 : 0; okW += w1 ? 1 : 0; okB += b1 ? 1 : 0;
      System.out.printf("A %s%s%s cov=%.2f top=%s cos=%.3f bm=%.2f | %s  [want %s; w got %s]%n", r1 ? "R" : "-", w1 ? "W" : "-", b1 ? "B" : "-",
          w.vocabularyCoverage(q.question(), Set.of()), short_(ww.get(0)), ww.get(0).similarity(), ww.get(0).bm25(), q.question(), tail(q.expectedPassage()), tail(ww.get(0).passage().id()));
    }
    System.out.printf("rank1 rrf=%d weighted=%d bm25=%d of %d%n", okR, okW, okB, qs.answerable().size());
    int h = 0, hb = 0;
    for (var q : qs.heldOut()) { var t = w.retrieve(q.question(), 1).get(0); var tb = bm.retrieve(q.question(), 1); boolean ok = q.accepts(t.passage().id()); h += ok ? 1 : 0; hb += !tb.isEmpty() && tb.get(0).passage().id().transform(q::accepts) ? 1 : 0;
      System.out.printf("H %s cos=%.3f %s got %s%n", ok ? "W" : "-", t.similarity(), q.question(), tail(t.passage().id())); }
    System.out.printf("heldout weighted=%d bm25=%d of %d%n", h, hb, qs.heldOut().size());
    for (String q : qs.refusable()) {
      var ww = w.retrieve(q, 3);
      System.out.printf("R cov=%.2f cos=%.3f bm=%.2f terms=%s | %s -> %s%n", w.vocabularyCoverage(q, Set.of()),
          ww.isEmpty() ? 0 : ww.get(0).similarity(), ww.isEmpty() ? 0 : ww.get(0).bm25(), w.contentTerms(q), q, ww.isEmpty() ? "" : tail(ww.get(0).passage().id()));
    }
  }
  static String tail(String id) { return id.substring(id.indexOf('/') + 1); }
  static String short_(ScoredPassage s) { return String.format("%.3f", s.score()); }
}
