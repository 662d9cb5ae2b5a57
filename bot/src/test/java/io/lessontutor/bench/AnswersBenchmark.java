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
 * {@code scripts/bench answers}: round 4's tuning file and held-out file side by side, answered by the
 * hybrid retriever and by plain BM25 in the same run: answered with a right passage, declined when it
 * should, cannot-do citations carrying their negation, yes/no stances (right / none / wrong); then the
 * older files (round 3's halves, the first rounds' tuning, held-out and blind sets) as regression rows; then warm latency
 * p50/p99 of ordinary questions and of 40,000-character ones, with the load average.
 * {@code --misses} lists round 4's tuning misses; {@code --held-out-misses} its held-out misses, for
 * reporting only: tuning on them would make the held-out figure meaningless. {@code --old-misses} lists
 * the older files' misses (hybrid, then plain BM25). {@code --no-latency} skips the timed rounds (scores only).
 */
public final class AnswersBenchmark {

  private static final int ROUNDS = 20;
  private static final int WARM_UP_ROUNDS = 5;
  private static final int LONG_CHARS = 40_000;

  public static void main(String[] args) {
    List<String> flags = Arrays.asList(args);
    Path knowledge = Path.of(System.getProperty("tutor.knowledge.dir", "knowledge"));
    LessonLibrary library = LessonLibrary.load(knowledge);
    AnswerSet tuning = AnswerSet.round4Tuning();
    AnswerSet heldOut = AnswerSet.round4HeldOut();
    List<AnswerSet> older = List.of(AnswerSet.round3Tuning(), AnswerSet.round3HeldOut(),
        AnswerSet.tuning(), AnswerSet.heldOut(), AnswerSet.blind());
    var model = new MiniLmEmbeddingModel();
    LucenePassageRetriever hybrid = LucenePassageRetriever.hybrid(library.passages(), model);
    LucenePassageRetriever bm25 = LucenePassageRetriever.bm25(library.passages());
    Answerer hybridAnswerer = new ExtractiveAnswerer(library, hybrid, hybrid.vocabulary());
    Answerer bm25Answerer = new ExtractiveAnswerer(library, bm25, bm25.vocabulary());

    List<Question> ordinary = new ArrayList<>();
    tuning.items().forEach(i -> ordinary.add(i.asQuestion()));
    heldOut.items().forEach(i -> ordinary.add(i.asQuestion()));
    older.forEach(set -> set.items().forEach(i -> ordinary.add(i.asQuestion())));
    List<Question> longOnes = longQuestions();
    // --no-latency: the scores only, for a quick look while changing a rule (the report needs the full run)
    int warmUps = flags.contains("--no-latency") ? 0 : WARM_UP_ROUNDS;
    int rounds = flags.contains("--no-latency") ? 1 : ROUNDS;
    for (int round = 0; round < warmUps; round++) {
      ordinary.forEach(q -> { hybridAnswerer.answer(q); bm25Answerer.answer(q); });
      longOnes.forEach(q -> { hybridAnswerer.answer(q); bm25Answerer.answer(q); });
    }
    // latency first, in one warm process, the two retrievers interleaved so neither is measured on a quieter machine
    double loadBefore = load();
    double[][] hybridTimes = times(hybridAnswerer, bm25Answerer, ordinary, rounds);
    double[][] longTimes = times(hybridAnswerer, bm25Answerer, longOnes, rounds);
    double loadAfter = load();

    AnswerSet.Score ht = tuning.score(hybridAnswerer, library);
    AnswerSet.Score hh = heldOut.score(hybridAnswerer, library);
    AnswerSet.Score bt = tuning.score(bm25Answerer, library);
    AnswerSet.Score bh = heldOut.score(bm25Answerer, library);

    System.out.printf("Round 4 question set, written blind: tuning %d questions, held-out %d (split by seed 4 before any tuning on it)%n%n",
        tuning.items().size(), heldOut.items().size());
    table(List.of("hybrid, tuning", "hybrid, held-out", "plain BM25, tuning", "plain BM25, held-out"), List.of(ht, hh, bt, bh));

    List<String> names = new ArrayList<>();
    List<AnswerSet.Score> scores = new ArrayList<>();
    List<AnswerSet.Score> olderHybrid = new ArrayList<>();
    for (AnswerSet set : older) {
      AnswerSet.Score s = set.score(hybridAnswerer, library);
      olderHybrid.add(s);
      names.add("hybrid, " + set.name() + " (" + set.items().size() + ")");
      scores.add(s);
    }
    List<AnswerSet.Score> olderBm25 = new ArrayList<>();
    for (AnswerSet set : older) {
      names.add("BM25, " + set.name());
      AnswerSet.Score s = set.score(bm25Answerer, library);
      olderBm25.add(s);
      scores.add(s);
    }
    System.out.printf("%nOlder files, all seen (regression rows: round 3's halves, the first rounds' halves and the blind set)%n%n");
    table(names, scores);

    System.out.printf("%n| warm latency, %d rounds | hybrid p50 | hybrid p99 | plain BM25 p50 | plain BM25 p99 |%n", rounds);
    System.out.printf("|---|---|---|---|---|%n");
    System.out.printf(Locale.ROOT, "| ordinary questions (all %d) | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n", ordinary.size(),
        percentile(hybridTimes[0], 50), percentile(hybridTimes[0], 99), percentile(hybridTimes[1], 50), percentile(hybridTimes[1], 99));
    System.out.printf(Locale.ROOT, "| %,d-character questions (%d) | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n", LONG_CHARS, longOnes.size(),
        percentile(longTimes[0], 50), percentile(longTimes[0], 99), percentile(longTimes[1], 50), percentile(longTimes[1], 99));
    System.out.printf(Locale.ROOT, "%nLoad average (1 min) %.2f before the timed rounds, %.2f after, on %d cores%n",
        loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
    if (flags.contains("--misses")) {
      print("hybrid, round 4 tuning", ht);
      print("plain BM25, round 4 tuning", bt);
    }
    if (flags.contains("--held-out-misses")) {
      print("hybrid, round 4 held-out", hh);
      print("plain BM25, round 4 held-out", bh);
    }
    if (flags.contains("--old-misses")) {
      for (int i = 0; i < older.size(); i++) {
        print("hybrid, " + older.get(i).name(), olderHybrid.get(i));
      }
      for (int i = 0; i < older.size(); i++) {
        print("plain BM25, " + older.get(i).name(), olderBm25.get(i));
      }
    }
  }

  private static void table(List<String> names, List<AnswerSet.Score> s) {
    System.out.println("| | " + String.join(" | ", names) + " |");
    System.out.println("|---" + "|---".repeat(names.size()) + "|");
    row("answered with a right passage", s, x -> x.percent(x.answeredRight(), x.answerable()));
    row("declined when it should", s, x -> x.percent(x.declinedRight(), x.declinable()));
    row("cannot-do citations with their negation", s, x -> x.percent(x.negationsCarried(), x.negationsNeeded()));
    row("yes/no: right stance", s, x -> x.percent(x.rightStance(), x.stanceQuestions()));
    row("yes/no: no stance", s, x -> x.percent(x.noStance(), x.stanceQuestions()));
    row("yes/no: WRONG stance", s, x -> x.percent(x.wrongStance(), x.stanceQuestions()));
  }

  private static double load() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void row(String name, List<AnswerSet.Score> scores,
                          java.util.function.Function<AnswerSet.Score, String> cell) {
    System.out.println("| " + name + " | " + String.join(" | ", scores.stream().map(cell).toList()) + " |");
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

  private static double[][] times(Answerer a, Answerer b, List<Question> questions, int rounds) {
    double[] ta = new double[questions.size() * rounds];
    double[] tb = new double[questions.size() * rounds];
    int i = 0;
    for (int round = 0; round < rounds; round++) {
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
