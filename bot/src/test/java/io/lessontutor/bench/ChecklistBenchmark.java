package io.lessontutor.bench;

import io.lessontutor.checklist.AnswerValue;
import io.lessontutor.checklist.Answers;
import io.lessontutor.checklist.Checklist;
import io.lessontutor.checklist.ChecklistFileParser;
import io.lessontutor.checklist.ClauseMatcher;
import io.lessontutor.checklist.DecisionRules;
import io.lessontutor.checklist.Descriptions;
import io.lessontutor.checklist.Descriptions.Description;
import io.lessontutor.checklist.Prefill;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.search.MiniLmEmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/bench checklist [--tuning-misses] [--tuning-only]}: the pre-fill and the verdict on the checklist
 * description sets, tuning and held-out side by side: verdict accuracy and pre-fill precision and
 * recall for each way of mixing rule cues with the embedding matcher, per-check precision and
 * recall for the default mix, a threshold sweep (chosen on the tuning set only), and the held-out
 * misses.
 */
public final class ChecklistBenchmark {

  private static final double[] THRESHOLDS = {0.50, 0.55, 0.60, 0.62, 0.65, 0.70, 0.75, 0.80};

  /** Counts for one mix on one set. */
  record Score(int verdictsRight, int total, Map<String, int[]> perCheck, double msPerDescription,
               List<String> misses) {

    /** [true positives, predicted, stated] summed over checks. */
    int[] micro() {
      int[] sum = new int[3];
      perCheck.values().forEach(c -> {
        sum[0] += c[0];
        sum[1] += c[1];
        sum[2] += c[2];
      });
      return sum;
    }
  }

  public static void main(String[] args) {
    Path knowledge = Path.of(System.getProperty("tutor.knowledge.dir", "knowledge"));
    Checklist checklist = new ChecklistFileParser(LessonLibrary.load(knowledge)).load(knowledge);
    DecisionRules rules = new DecisionRules(checklist);
    List<Description> tuning = Descriptions.load(Descriptions.TUNING);
    List<Description> heldOut = Descriptions.load(Descriptions.HELD_OUT);
    List<Description> fresh = Descriptions.load(Descriptions.HELD_OUT_FRESH);
    // while tuning: no held-out figure or miss is shown
    boolean tuningOnly = List.of(args).contains("--tuning-only");
    ClauseMatcher matcher = new ClauseMatcher(new MiniLmEmbeddingModel(), ClauseMatcher.DEFAULT_MIN_SIMILARITY);
    boolean tuningMisses = List.of(args).contains("--tuning-misses");

    System.out.printf("Descriptions: %d tuning, %d held out, %d fresh held out. Embedding threshold %.2f.%n%n",
        tuning.size(), heldOut.size(), fresh.size(), ClauseMatcher.DEFAULT_MIN_SIMILARITY);
    if (tuningOnly) {
      heldOut = tuning.subList(0, 1);
      fresh = tuning.subList(0, 1);
      System.out.println("(--tuning-only: the held-out columns show one tuning description, not the held-out sets)");
    }
    System.out.println("| mix | verdict, tuning | verdict, held-out | verdict, fresh held-out | pre-fill P / R, tuning |"
        + " pre-fill P / R, held-out | pre-fill P / R, fresh | ms / description |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    Score defaultTuning = null;
    Score defaultHeldOut = null;
    Score defaultFresh = null;
    for (Prefill.Mix mix : Prefill.Mix.values()) {
      Prefill prefill = new Prefill(checklist, () -> matcher, mix);
      score(prefill, rules, tuning); // warm up
      Score t = score(prefill, rules, tuning);
      Score h = score(prefill, rules, heldOut);
      Score f = score(prefill, rules, fresh);
      System.out.printf("| %s%s | %s | %s | %s | %s | %s | %s | %.1f |%n", mix.name().toLowerCase().replace('_', ' '),
          mix == Prefill.DEFAULT_MIX ? " (default)" : "", pct(t.verdictsRight(), t.total()),
          pct(h.verdictsRight(), h.total()), pct(f.verdictsRight(), f.total()), pr(t.micro()), pr(h.micro()),
          pr(f.micro()), t.msPerDescription());
      if (mix == Prefill.DEFAULT_MIX) {
        defaultTuning = t;
        defaultHeldOut = h;
        defaultFresh = f;
      }
    }

    System.out.printf("%nPer check, %s mix:%n%n", Prefill.DEFAULT_MIX.name().toLowerCase().replace('_', ' '));
    System.out.println("| check | P / R, tuning | P / R, held-out | P / R, fresh held-out |");
    System.out.println("|---|---|---|---|");
    for (String check : checklist.checkIds()) {
      System.out.printf("| %s | %s | %s | %s |%n", check, pr(defaultTuning.perCheck().get(check)),
          pr(defaultHeldOut.perCheck().get(check)), pr(defaultFresh.perCheck().get(check)));
    }

    System.out.printf("%nThreshold sweep, %s mix (pick on tuning only):%n%n",
        Prefill.DEFAULT_MIX.name().toLowerCase().replace('_', ' '));
    System.out.println("| min similarity | verdict, tuning | pre-fill P / R, tuning | verdict, held-out | verdict, fresh |");
    System.out.println("|---|---|---|---|---|");
    for (double threshold : THRESHOLDS) {
      ClauseMatcher m = matcher.withMinSimilarity(threshold);
      Prefill prefill = new Prefill(checklist, () -> m, Prefill.DEFAULT_MIX);
      Score t = score(prefill, rules, tuning);
      Score h = score(prefill, rules, heldOut);
      Score f = score(prefill, rules, fresh);
      System.out.printf("| %.2f | %s | %s | %s | %s |%n", threshold, pct(t.verdictsRight(), t.total()), pr(t.micro()),
          pct(h.verdictsRight(), h.total()), pct(f.verdictsRight(), f.total()));
    }

    if (!tuningOnly) {
      System.out.printf("%nHeld-out misses (%d):%n", defaultHeldOut.misses().size());
      defaultHeldOut.misses().forEach(m -> System.out.println("  - " + m));
      System.out.printf("%nFresh held-out misses (%d):%n", defaultFresh.misses().size());
      defaultFresh.misses().forEach(m -> System.out.println("  - " + m));
    }
    if (tuningMisses) {
      System.out.printf("%nTuning misses (%d):%n", defaultTuning.misses().size());
      defaultTuning.misses().forEach(m -> System.out.println("  - " + m));
    }
  }

  static Score score(Prefill prefill, DecisionRules rules, List<Description> set) {
    Map<String, int[]> perCheck = new java.util.LinkedHashMap<>();
    int right = 0;
    List<String> misses = new ArrayList<>();
    long start = System.nanoTime();
    for (Description d : set) {
      Answers read = prefill.read(d.text());
      String verdict = rules.decide(read).verdict();
      boolean prefillRight = read.equals(d.states());
      if (verdict.equals(d.verdict())) {
        right++;
      }
      if (!verdict.equals(d.verdict()) || !prefillRight) {
        misses.add((verdict.equals(d.verdict()) ? "[pre-fill only] " : "[verdict " + verdict + ", expected " + d.verdict() + "] ")
            + "\"" + d.text() + "\" read " + words(read) + ", states " + words(d.states()));
      }
      for (String check : DecisionRules.checkIds()) {
        int[] c = perCheck.computeIfAbsent(check, k -> new int[3]);
        AnswerValue got = read.get(check);
        AnswerValue want = d.states().get(check);
        if (got != AnswerValue.UNKNOWN) {
          c[1]++;
        }
        if (want != AnswerValue.UNKNOWN) {
          c[2]++;
        }
        if (got != AnswerValue.UNKNOWN && got == want) {
          c[0]++;
        }
      }
    }
    double ms = (System.nanoTime() - start) / 1e6 / set.size();
    return new Score(right, set.size(), perCheck, ms, misses);
  }

  private static String words(Answers answers) {
    return answers.values().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue().word()).toList().toString();
  }

  private static String pct(int n, int of) {
    return String.format("%d/%d (%.0f%%)", n, of, 100.0 * n / of);
  }

  /** Precision / recall from [true positives, predicted, stated]. */
  private static String pr(int[] c) {
    String p = c[1] == 0 ? "–" : String.format("%.2f", (double) c[0] / c[1]);
    String r = c[2] == 0 ? "–" : String.format("%.2f", (double) c[0] / c[2]);
    return p + " / " + r;
  }
}
