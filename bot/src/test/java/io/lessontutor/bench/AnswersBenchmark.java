package io.lessontutor.bench;

import io.lessontutor.answer.Answer;
import io.lessontutor.answer.AnswerSet;
import io.lessontutor.answer.Answerer;
import io.lessontutor.answer.ExtractiveAnswerer;
import io.lessontutor.answer.Question;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.search.LucenePassageRetriever;
import io.lessontutor.search.MiniLmEmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/bench answers}: the answer question set's tuning half and held-out half, side by
 * side, answered by the hybrid retriever and by plain BM25: answered with a right passage,
 * declined when it should, cannot-do citations carrying their negation, yes/no stances (right /
 * none / wrong), and warm latency p50/p99 of ordinary questions and of 40,000-character ones.
 * {@code --misses} lists the tuning half's misses; {@code --held-out-misses} the held-out half's, for
 * reporting only: tuning on them would make the held-out figure meaningless. {@code --blind} also
 * scores the blind set (answers/blind.yaml), hidden otherwise so nobody tunes on it, and lists its
 * misses: run it once, at the end.
 */
public final class AnswersBenchmark {

  private static final int ROUNDS = 20;
  private static final int WARM_UP_ROUNDS = 5;
  private static final int LONG_CHARS = 40_000;

  public static void main(String[] args) {
    boolean misses = Arrays.asList(args).contains("--misses");
    boolean heldOutMisses = Arrays.asList(args).contains("--held-out-misses");
    boolean blind = Arrays.asList(args).contains("--blind");
    Path knowledge = Path.of(System.getProperty("tutor.knowledge.dir", "knowledge"));
    LessonLibrary library = LessonLibrary.load(knowledge);
    AnswerSet tuning = AnswerSet.tuning();
    AnswerSet heldOut = AnswerSet.heldOut();
    var model = new MiniLmEmbeddingModel();
    LucenePassageRetriever hybrid = LucenePassageRetriever.hybrid(library.passages(), model);
    LucenePassageRetriever bm25 = LucenePassageRetriever.bm25(library.passages());
    Answerer hybridAnswerer = new ExtractiveAnswerer(library, hybrid, hybrid.vocabulary());
    Answerer bm25Answerer = new ExtractiveAnswerer(library, bm25, bm25.vocabulary());

    List<Question> ordinary = new ArrayList<>();
    tuning.items().forEach(i -> ordinary.add(i.asQuestion()));
    heldOut.items().forEach(i -> ordinary.add(i.asQuestion()));
    List<Question> longOnes = longQuestions();
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      ordinary.forEach(q -> { hybridAnswerer.answer(q); bm25Answerer.answer(q); });
      longOnes.forEach(q -> { hybridAnswerer.answer(q); bm25Answerer.answer(q); });
    }
    // latency first, in one warm process, the two retrievers interleaved so neither is measured on a quieter machine
    double[][] hybridTimes = times(hybridAnswerer, bm25Answerer, ordinary);
    double[][] longTimes = times(hybridAnswerer, bm25Answerer, longOnes);

    AnswerSet.Score ht = tuning.score(hybridAnswerer, library);
    AnswerSet.Score hh = heldOut.score(hybridAnswerer, library);
    AnswerSet.Score bt = tuning.score(bm25Answerer, library);
    AnswerSet.Score bh = heldOut.score(bm25Answerer, library);

    System.out.printf("Answer question set: tuning %d questions, held-out %d (split by seed 9 before tuning)%n%n",
        tuning.items().size(), heldOut.items().size());
    System.out.printf("| | hybrid, tuning | hybrid, held-out | plain BM25, tuning | plain BM25, held-out |%n");
    System.out.printf("|---|---|---|---|---|%n");
    row("answered with a right passage", ht, hh, bt, bh, s -> s.percent(s.answeredRight(), s.answerable()));
    row("declined when it should", ht, hh, bt, bh, s -> s.percent(s.declinedRight(), s.declinable()));
    row("cannot-do citations with their negation", ht, hh, bt, bh, s -> s.percent(s.negationsCarried(), s.negationsNeeded()));
    row("yes/no: right stance", ht, hh, bt, bh, s -> s.percent(s.rightStance(), s.stanceQuestions()));
    row("yes/no: no stance", ht, hh, bt, bh, s -> s.percent(s.noStance(), s.stanceQuestions()));
    row("yes/no: WRONG stance", ht, hh, bt, bh, s -> s.percent(s.wrongStance(), s.stanceQuestions()));
    System.out.printf("%n| warm latency, %d rounds | hybrid p50 | hybrid p99 | plain BM25 p50 | plain BM25 p99 |%n", ROUNDS);
    System.out.printf("|---|---|---|---|---|%n");
    System.out.printf(Locale.ROOT, "| ordinary questions (all %d) | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n", ordinary.size(),
        percentile(hybridTimes[0], 50), percentile(hybridTimes[0], 99), percentile(hybridTimes[1], 50), percentile(hybridTimes[1], 99));
    System.out.printf(Locale.ROOT, "| %,d-character questions (%d) | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n", LONG_CHARS, longOnes.size(),
        percentile(longTimes[0], 50), percentile(longTimes[0], 99), percentile(longTimes[1], 50), percentile(longTimes[1], 99));
    if (misses) {
      print("hybrid, tuning", ht);
      print("plain BM25, tuning", bt);
    }
    if (heldOutMisses) {
      print("hybrid, held-out", hh);
      print("plain BM25, held-out", bh);
    }
    if (blind) {
      AnswerSet blindSet = AnswerSet.blind();
      AnswerSet.Score hb = blindSet.score(hybridAnswerer, library);
      AnswerSet.Score bb = blindSet.score(bm25Answerer, library);
      System.out.printf("%nBlind set: %d questions, scored once%n%n", blindSet.items().size());
      System.out.printf("| | hybrid, blind | plain BM25, blind |%n|---|---|---|%n");
      blindRow("answered with a right passage", hb, bb, s -> s.percent(s.answeredRight(), s.answerable()));
      blindRow("declined when it should", hb, bb, s -> s.percent(s.declinedRight(), s.declinable()));
      blindRow("cannot-do citations with their negation", hb, bb, s -> s.percent(s.negationsCarried(), s.negationsNeeded()));
      blindRow("yes/no: right stance", hb, bb, s -> s.percent(s.rightStance(), s.stanceQuestions()));
      blindRow("yes/no: no stance", hb, bb, s -> s.percent(s.noStance(), s.stanceQuestions()));
      blindRow("yes/no: WRONG stance", hb, bb, s -> s.percent(s.wrongStance(), s.stanceQuestions()));
      print("hybrid, blind", hb);
    }
  }

  private static void row(String name, AnswerSet.Score a, AnswerSet.Score b, AnswerSet.Score c, AnswerSet.Score d,
                          java.util.function.Function<AnswerSet.Score, String> cell) {
    System.out.printf("| %s | %s | %s | %s | %s |%n", name, cell.apply(a), cell.apply(b), cell.apply(c), cell.apply(d));
  }

  private static void blindRow(String name, AnswerSet.Score a, AnswerSet.Score b,
                               java.util.function.Function<AnswerSet.Score, String> cell) {
    System.out.printf("| %s | %s | %s |%n", name, cell.apply(a), cell.apply(b));
  }

  private static void print(String name, AnswerSet.Score s) {
    System.out.printf("%nMisses, %s (%d):%n", name, s.misses().size());
    s.misses().forEach(m -> System.out.println("  - " + m));
  }

  /** Long situations: a question followed by pasted logs, as people paste them into Slack. */
  private static List<Question> longQuestions() {
    List<Question> out = new ArrayList<>();
    String[] starts = {"should we fine-tune? ", "what can't fine-tuning fix? ", "any good ramen places? ", "lol "};
    for (String start : starts) {
      StringBuilder b = new StringBuilder(start);
      int i = 0;
      while (b.length() < LONG_CHARS) {
        b.append("log line ").append(i++).append(": latency spiked, prompt retried, fine-tune job queued. ");
      }
      out.add(Question.of(b.substring(0, LONG_CHARS)));
    }
    return out;
  }

  private static double[][] times(Answerer a, Answerer b, List<Question> questions) {
    double[] ta = new double[questions.size() * ROUNDS];
    double[] tb = new double[questions.size() * ROUNDS];
    int i = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (Question q : questions) {
        long t0 = System.nanoTime();
        Answer x = a.answer(q);
        long t1 = System.nanoTime();
        Answer y = b.answer(q);
        long t2 = System.nanoTime();
        ta[i] = t1 - t0;
        tb[i++] = t2 - t1;
        if (x.text().isEmpty() || y.text().isEmpty()) {
          throw new IllegalStateException("empty answer for " + q.text());
        }
      }
    }
    Arrays.sort(ta);
    Arrays.sort(tb);
    return new double[][] {ta, tb};
  }

  private static double percentile(double[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }
}
