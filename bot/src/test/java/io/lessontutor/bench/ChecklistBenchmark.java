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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/bench checklist [--tuning-misses] [--heldout-misses] [--regression-misses] [--tuning-only] [--quick]}:
 * the pre-fill and the verdict on the checklist description sets side by side: the fifth round's
 * tuning and held-out halves first (written blind, split before tuning), then every older file as
 * a regression column (all seen by now). For each way of mixing rule cues with the embedding
 * matcher: verdict accuracy and pre-fill precision / recall; a "reads nothing" row shows what an
 * empty pre-fill scores (need-more-info for everything); right / asks / wrong verdict counts;
 * per-check precision / recall for the default mix; sweeps of the similarity threshold and of the
 * clear-winner floor and margin, and of the vote (neighbours and margin), to be chosen on tuning only.
 *
 * <p>While tuning, the round-5 held-out half shows its counts in the first two tables only; its
 * per-check and sweep columns and its misses come only with {@code --heldout-misses}, for the
 * final report. {@code --tuning-misses} prints the round-5 tuning misses, {@code
 * --regression-misses} the older files'. {@code --tuning-only} hides the held-out half entirely;
 * {@code --quick} measures the default mix alone, without the sweeps.
 */
public final class ChecklistBenchmark {

  private static final String ROUND5_TUNING = "r5 tuning";
  private static final String ROUND5_HELD_OUT = "r5 held-out";
  private static final double[][] CLEAR_WINNERS = {
      {ClauseMatcher.DEFAULT_MIN_SIMILARITY, 0}, {0.40, 0.05}, {0.40, 0.10}, {0.45, 0.05}, {0.45, 0.10}, {0.50, 0.05}, {0.50, 0.10}};
  private static final double[] THRESHOLDS = {0.50, 0.55, 0.60, 0.62, 0.65, 0.70, 0.75, 0.80};
  /** Neighbours that vote and how far below the nearest they may be: {k, margin}. */
  private static final double[][] VOTES = {{1, 0}, {3, 0.04}, {3, 0.08}, {5, 0.04}, {5, 0.08}, {5, 0.15}, {9, 0.08}};

  /** One description set. */
  record Set(String name, List<Description> descriptions) {}

  /** Counts for one mix on one set. */
  record Score(int verdictsRight, int total, int wrongVerdicts, Map<String, int[]> perCheck, double msPerDescription,
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
    boolean tuningMisses = List.of(args).contains("--tuning-misses");
    boolean tuningOnly = List.of(args).contains("--tuning-only");
    boolean heldOutMisses = List.of(args).contains("--heldout-misses");
    boolean regressionMisses = List.of(args).contains("--regression-misses");
    boolean quick = List.of(args).contains("--quick");
    List<Set> sets = new ArrayList<>();
    sets.add(new Set(ROUND5_TUNING, Descriptions.load(Descriptions.ROUND5_TUNING)));
    if (!tuningOnly) {
      sets.add(new Set(ROUND5_HELD_OUT, Descriptions.load(Descriptions.ROUND5_HELD_OUT)));
    }
    sets.add(new Set("r1-2 tuning", Descriptions.load(Descriptions.TUNING)));
    sets.add(new Set("r3 tuning", Descriptions.load(Descriptions.ROUND3_TUNING)));
    sets.add(new Set("r3 tuning extra", Descriptions.load(Descriptions.ROUND3_TUNING_EXTRA)));
    sets.add(new Set("r1 held-out", Descriptions.load(Descriptions.HELD_OUT)));
    sets.add(new Set("r2 fresh", Descriptions.load(Descriptions.HELD_OUT_FRESH)));
    sets.add(new Set("r2 blind", Descriptions.load(Descriptions.HELD_OUT_BLIND)));
    sets.add(new Set("r2 final blind", Descriptions.load(Descriptions.HELD_OUT_FINAL)));
    sets.add(new Set("r3 held-out", Descriptions.load(Descriptions.ROUND3_HELD_OUT)));
    sets.add(new Set("r4 blind", Descriptions.load(Descriptions.ROUND4_BLIND)));
    // the held-out half's counts only, while tuning: per check, sweeps and misses at the end
    List<Set> detailed = sets.stream().filter(set -> heldOutMisses || !set.name().equals(ROUND5_HELD_OUT)).toList();
    ClauseMatcher matcher = new ClauseMatcher(new MiniLmEmbeddingModel(), ClauseMatcher.DEFAULT_MIN_SIMILARITY);

    System.out.printf("Descriptions: %s. Embedding threshold %.2f.%n%n",
        String.join(", ", sets.stream().map(s -> s.descriptions().size() + " " + s.name()).toList()),
        ClauseMatcher.DEFAULT_MIN_SIMILARITY);
    System.out.println("Verdict right (pre-fill precision / recall):");
    System.out.println();
    System.out.println("| mix | " + String.join(" | ", sets.stream().map(Set::name).toList()) + " | ms / description |");
    System.out.println("|---|" + "---|".repeat(sets.size()) + "---|");
    Map<Set, Score> byDefault = new LinkedHashMap<>();
    Map<Prefill.How, int[]> byHow = new java.util.EnumMap<>(Prefill.How.class);
    for (Prefill.Mix mix : quick ? new Prefill.Mix[] {Prefill.DEFAULT_MIX} : Prefill.Mix.values()) {
      Prefill prefill = new Prefill(checklist, () -> matcher, mix);
      score(prefill, rules, sets.get(0).descriptions()); // warm up
      BY_HOW.clear();
      StringBuilder row = new StringBuilder("| " + name(mix) + (mix == Prefill.DEFAULT_MIX ? " (default)" : "") + " |");
      double ms = 0;
      for (Set set : sets) {
        Score score = score(prefill, rules, set.descriptions());
        row.append(' ').append(pct(score.verdictsRight(), score.total())).append(" (").append(pr(score.micro()))
            .append(") |");
        ms += score.msPerDescription() * score.total();
        if (mix == Prefill.DEFAULT_MIX) {
          byDefault.put(set, score);
        }
      }
      int total = sets.stream().mapToInt(s -> s.descriptions().size()).sum();
      System.out.println(row + String.format(" %.1f |", ms / total));
      if (mix == Prefill.DEFAULT_MIX) {
        BY_HOW.forEach((how, t) -> byHow.put(how, t.clone()));
      }
    }

    StringBuilder empty = new StringBuilder("| reads nothing (baseline) |");
    for (Set set : sets) {
      long right = set.descriptions().stream()
          .filter(d -> rules.decide(Answers.none()).verdict().equals(d.verdict())).count();
      empty.append(' ').append(pct((int) right, set.descriptions().size())).append(" |");
    }
    System.out.println(empty + " – |");

    System.out.printf("%n%s mix, answers read over every file by how they were read: right / the opposite of what was stated / not stated:%n%n",
        name(Prefill.DEFAULT_MIX));
    System.out.println("| how | right | opposite | not stated |");
    System.out.println("|---|---|---|---|");
    byHow.forEach((how, t) -> System.out.printf("| %s | %d | %d | %d |%n", how.name().toLowerCase().replace('_', ' '), t[0], t[1], t[2]));

    System.out.printf("%n%s mix: verdict right / need-more-info where the text decides / a wrong verdict (worse than asking):%n%n",
        name(Prefill.DEFAULT_MIX));
    System.out.println("| | " + String.join(" | ", sets.stream().map(Set::name).toList()) + " |");
    System.out.println("|---|" + "---|".repeat(sets.size()));
    StringBuilder kinds = new StringBuilder("| right / asks / wrong |");
    byDefault.values().forEach(s -> kinds.append(String.format(" %d / %d / %d |", s.verdictsRight(),
        s.total() - s.verdictsRight() - s.wrongVerdicts(), s.wrongVerdicts())));
    System.out.println(kinds);

    System.out.printf("%nPer check, %s mix, precision / recall:%n%n", name(Prefill.DEFAULT_MIX));
    System.out.println("| check | " + String.join(" | ", detailed.stream().map(Set::name).toList()) + " |");
    System.out.println("|---|" + "---|".repeat(detailed.size()));
    for (String check : checklist.checkIds()) {
      StringBuilder row = new StringBuilder("| " + check + " |");
      detailed.stream().map(byDefault::get).forEach(s -> row.append(' ').append(pr(s.perCheck().get(check))).append(" |"));
      System.out.println(row);
    }

    if (quick) {
      printMisses(byDefault, tuningMisses, heldOutMisses, regressionMisses);
      return;
    }
    System.out.printf("%nThreshold sweep, %s mix, verdicts right (choose on tuning only):%n%n", name(Prefill.DEFAULT_MIX));
    System.out.println("| min similarity | " + String.join(" | ", detailed.stream().map(Set::name).toList()) + " |");
    System.out.println("|---|" + "---|".repeat(detailed.size()));
    for (double threshold : THRESHOLDS) {
      ClauseMatcher m = matcher.withMinSimilarity(threshold);
      Prefill prefill = new Prefill(checklist, () -> m, Prefill.DEFAULT_MIX);
      StringBuilder row = new StringBuilder(String.format("| %.2f |", threshold));
      for (Set set : detailed) {
        Score score = score(prefill, rules, set.descriptions());
        row.append(' ').append(pct(score.verdictsRight(), score.total())).append(" |");
      }
      System.out.println(row);
    }

    System.out.printf("%nVote of the nearest examples, %s mix, verdicts right (choose on tuning only):%n%n",
        name(Prefill.DEFAULT_MIX));
    System.out.println("| neighbours / margin | " + String.join(" | ", detailed.stream().map(Set::name).toList()) + " |");
    System.out.println("|---|" + "---|".repeat(detailed.size()));
    for (double[] vote : VOTES) {
      ClauseMatcher m = matcher.withVote((int) vote[0], vote[1]);
      Prefill prefill = new Prefill(checklist, () -> m, Prefill.DEFAULT_MIX);
      StringBuilder row = new StringBuilder(String.format("| %d / %.2f%s |", (int) vote[0], vote[1],
          (int) vote[0] == ClauseMatcher.NEIGHBOURS && vote[1] == ClauseMatcher.VOTE_MARGIN ? " (default)" : ""));
      for (Set set : detailed) {
        Score score = score(prefill, rules, set.descriptions());
        row.append(' ').append(pct(score.verdictsRight(), score.total())).append(", ")
            .append(score.wrongVerdicts()).append(" wrong |");
      }
      System.out.println(row);
    }

    System.out.printf("%nClear winners below the threshold, %s mix, verdicts right (choose on tuning only):%n%n",
        name(Prefill.DEFAULT_MIX));
    System.out.println("| floor / margin | " + String.join(" | ", detailed.stream().map(Set::name).toList()) + " |");
    System.out.println("|---|" + "---|".repeat(detailed.size()));
    for (double[] fm : CLEAR_WINNERS) {
      ClauseMatcher m = matcher.withClearWinner(fm[0], fm[1]);
      Prefill prefill = new Prefill(checklist, () -> m, Prefill.DEFAULT_MIX);
      StringBuilder row = new StringBuilder(fm[0] >= ClauseMatcher.DEFAULT_MIN_SIMILARITY ? "| off |" : String.format("| %.2f / %.2f |", fm[0], fm[1]));
      for (Set set : detailed) {
        Score score = score(prefill, rules, set.descriptions());
        row.append(' ').append(pct(score.verdictsRight(), score.total())).append(", ")
            .append(score.wrongVerdicts()).append(" wrong |");
      }
      System.out.println(row);
    }

    printMisses(byDefault, tuningMisses, heldOutMisses, regressionMisses);
  }

  private static void printMisses(Map<Set, Score> byDefault, boolean tuningMisses, boolean heldOutMisses,
      boolean regressionMisses) {
    byDefault.forEach((set, score) -> {
      boolean show = set.name().equals(ROUND5_TUNING) ? tuningMisses
          : set.name().equals(ROUND5_HELD_OUT) ? heldOutMisses : regressionMisses;
      if (show) {
        System.out.printf("%nMisses, %s (%d):%n", set.name(), score.misses().size());
        score.misses().forEach(miss -> System.out.println("  - " + miss));
      }
    });
  }

  /** Answers read, by how they were read: right, the opposite of what was stated, not stated. */
  static final Map<Prefill.How, int[]> BY_HOW = new java.util.EnumMap<>(Prefill.How.class);

  static Score score(Prefill prefill, DecisionRules rules, List<Description> set) {
    Map<String, int[]> perCheck = new LinkedHashMap<>();
    int right = 0;
    int wrong = 0;
    List<String> misses = new ArrayList<>();
    long start = System.nanoTime();
    for (Description d : set) {
      Prefill.Reading reading = prefill.reading(d.text());
      Answers read = reading.answers();
      reading.how().forEach((check, how) -> {
        int[] t = BY_HOW.computeIfAbsent(how, k -> new int[3]);
        AnswerValue want = d.states().get(check);
        t[want == read.get(check) ? 0 : want == AnswerValue.UNKNOWN ? 2 : 1]++;
      });
      String verdict = rules.decide(read).verdict();
      if (verdict.equals(d.verdict())) {
        right++;
      } else if (!verdict.equals(DecisionRules.NEED_MORE_INFO)) {
        wrong++;
      }
      if (!verdict.equals(d.verdict()) || !read.equals(d.states())) {
        misses.add((verdict.equals(d.verdict()) ? "[pre-fill only] " : "[verdict " + verdict + ", expected " + d.verdict() + "] ")
            + "\"" + d.text() + "\" read " + words(read) + " " + reading.how() + ", states " + words(d.states()));
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
    return new Score(right, set.size(), wrong, perCheck, ms, misses);
  }

  private static String name(Prefill.Mix mix) {
    return mix.name().toLowerCase().replace('_', ' ');
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
