package io.lessontutor.bench;

import io.lessontutor.search.MiniLmEmbeddingModel;
import io.lessontutor.QuestionSet;
import io.lessontutor.answer.Answer;
import io.lessontutor.answer.Answerer;
import io.lessontutor.answer.ExtractiveAnswerer;
import io.lessontutor.answer.Question;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.search.Fusion;
import io.lessontutor.search.LucenePassageRetriever;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code scripts/bench retrieval}: the question set answered by the hybrid retriever (weighted
 * fusion, the default, and RRF) side by side with plain BM25: index build time, answer latency
 * p50/p99 in one warm process, answers per second, rank-1 accuracy, refusal accuracy, heap.
 */
public final class RetrievalBenchmark {

  private static final int ROUNDS = 20;
  private static final int WARM_UP_ROUNDS = 5;

  record Row(String name, long buildMillis, double p50, double p99, double perSecond,
             int rank1, int heldOut, int refused, long heapMb) {}

  public static void main(String[] args) {
    long firstAnswerMillis;
    Path knowledge = Path.of(System.getProperty("tutor.knowledge.dir", "knowledge"));
    LessonLibrary library = LessonLibrary.load(knowledge);
    QuestionSet set = QuestionSet.load();
    var model = new MiniLmEmbeddingModel();

    // time from JVM start to the first answer, as a user of `scripts/tutor ask` sees it (minus the JVM's own start)
    LucenePassageRetriever first = LucenePassageRetriever.hybrid(library.passages(), model);
    ExtractiveAnswerer warmUp = new ExtractiveAnswerer(library, first, first.vocabulary());
    warmUp.answer(Question.of("Should we fine-tune first?"));
    firstAnswerMillis = ManagementFactory.getRuntimeMXBean().getUptime();
    // warm the JIT and the ONNX runtime once for all, so no row pays for being measured first
    for (int round = 0; round < 10; round++) {
      set.answerable().forEach(q -> warmUp.answer(Question.of(q.question())));
      set.refusable().forEach(q -> warmUp.answer(Question.of(q)));
    }

    List<Row> rows = new ArrayList<>();
    rows.add(run("hybrid (weighted)", set, library,
        () -> new LucenePassageRetriever(library.passages(), model, Fusion.WEIGHTED), true));
    rows.add(run("hybrid (RRF)", set, library,
        () -> new LucenePassageRetriever(library.passages(), model, Fusion.RRF), true));
    rows.add(run("plain BM25", set, library, () -> LucenePassageRetriever.bm25(library.passages()), false));

    int answerable = set.answerable().size();
    System.out.printf("Question set: %d answerable (+%d held out), %d off-topic, %d adversarial; %d warm rounds%n%n",
        answerable, set.heldOut().size(), set.offTopic().size(), set.adversarial().size(), ROUNDS);
    System.out.printf("%-18s %9s %9s %9s %10s %9s %9s %9s %8s%n",
        "retriever", "build ms", "p50 ms", "p99 ms", "answers/s", "rank-1", "held-out", "refused", "heap MB");
    for (Row r : rows) {
      System.out.printf("%-18s %9d %9.2f %9.2f %10.0f %6d/%d %6d/%d %6d/%d %8d%n",
          r.name(), r.buildMillis(), r.p50(), r.p99(), r.perSecond(), r.rank1(), answerable, r.heldOut(),
          set.heldOut().size(), r.refused(), set.refusable().size(), r.heapMb());
    }
    System.out.printf("%nFirst answer %d ms after the JVM started (index built, model loaded).%n", firstAnswerMillis);
    System.out.printf("Heap: the run fits in -Xmx%d MB; peak in use %d MB (sum of the heap pools' peaks, an upper bound);"
        + " the \"heap MB\" column is what is live after a GC.%n", Runtime.getRuntime().maxMemory() >> 20, peakHeapMb());
  }

  private static Row run(String name, QuestionSet set, LessonLibrary library,
                         Supplier<LucenePassageRetriever> build, boolean hybrid) {
    long start = System.nanoTime();
    LucenePassageRetriever retriever = build.get();
    long buildMillis = (System.nanoTime() - start) / 1_000_000;
    Answerer answerer = new ExtractiveAnswerer(library, retriever, retriever.vocabulary());

    List<String> questions = new ArrayList<>();
    set.answerable().forEach(q -> questions.add(q.question()));
    questions.addAll(set.refusable());
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      questions.forEach(q -> answerer.answer(Question.of(q)));
    }

    double[] nanos = new double[questions.size() * ROUNDS];
    int i = 0;
    long all = System.nanoTime();
    for (int round = 0; round < ROUNDS; round++) {
      for (String q : questions) {
        long t = System.nanoTime();
        answerer.answer(Question.of(q));
        nanos[i++] = System.nanoTime() - t;
      }
    }
    double seconds = (System.nanoTime() - all) / 1e9;
    Arrays.sort(nanos);

    int rank1 = 0;
    for (QuestionSet.Answerable q : set.answerable()) {
      rank1 += q.accepts(retriever.retrieve(q.question(), 1).get(0).passage().id()) ? 1 : 0;
    }
    int heldOut = 0;
    for (QuestionSet.Answerable q : set.heldOut()) {
      heldOut += q.accepts(retriever.retrieve(q.question(), 1).get(0).passage().id()) ? 1 : 0;
    }
    int refused = 0;
    for (String q : set.refusable()) {
      Answer a = answerer.answer(Question.of(q));
      refused += a.refused() ? 1 : 0;
    }
    System.gc();
    long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
    return new Row(name, buildMillis, percentile(nanos, 50), percentile(nanos, 99), nanos.length / seconds,
        rank1, heldOut, refused, heapMb);
  }

  private static double percentile(double[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }
}
