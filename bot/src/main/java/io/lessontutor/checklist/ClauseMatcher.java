package io.lessontutor.checklist;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.lessontutor.search.MiniLmEmbeddingModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Matches one clause of a description to the check it states, by meaning: a nearest-neighbour
 * classifier over many labeled example statements ({@value #EXAMPLES}), embedded with the
 * in-process MiniLM model. Of the {@value #NEIGHBOURS} nearest examples, those within
 * {@value #VOTE_MARGIN} of the nearest vote, each with its similarity: the check with the most weight wins, if its nearest example is close enough, and
 * its examples vote on the answer. Examples labeled {@code none} (things people say that answer
 * no check, "should we fine-tune?") win clauses that are about nothing the checklist asks.
 *
 * <p>Negation is handled explicitly, because sentence embeddings barely see it ("we have tried RAG"
 * and "we have not tried RAG" are neighbours): the negators that count ({@link Prefill#negators})
 * are taken out of clauses and examples alike before embedding, and an example's answer is
 * flipped for a clause whose negation differs from its own. So "the model doesn't know our terms"
 * (knowledge gap: yes) also reads "the model knows our terms" as No.
 *
 * <p>Thread-safe: the model is, and the example vectors never change after construction.
 */
public final class ClauseMatcher {

  /** The least cosine similarity to the winning check's nearest example. */
  public static final double DEFAULT_MIN_SIMILARITY = 0.60;
  /** How many nearest examples vote. */
  public static final int NEIGHBOURS = 5;
  /** How much less similar than the nearest example a neighbour may be and still vote. */
  public static final double VOTE_MARGIN = 0.08;
  /**
   * Below {@link #DEFAULT_MIN_SIMILARITY}, a clause still matches a check whose nearest example is
   * at least this similar, if that example is clearly nearer than any other check's (or none's)
   * nearest: by {@link #DEFAULT_CLEAR_MARGIN}. A paraphrase in words no example uses ("nobody
   * complains") sits well below the threshold but far from every other check.
   */
  public static final double DEFAULT_FLOOR = 0.45;
  /** How much nearer than every other check's nearest example a clear winner's must be. */
  public static final double DEFAULT_CLEAR_MARGIN = 0.05;
  /** How many times the other side's weight the winning side needs when a check's own examples vote ({@link #answerFor}). */
  static final double CLEAR_VOTE = 2.0;
  /** A "none" example this close to the winning check's nearest makes the clause too close to call. */
  static final double TIE = 0.05;
  /** The example statements, on the class path: check, answer, text, tab-separated. */
  public static final String EXAMPLES = "io/lessontutor/checklist/clause-examples.tsv";
  /** The check of examples that answer no check. */
  static final String NONE = "none";

  /**
   * A clause's match: the check, the answer the clause gives it, how close the nearest example of
   * the check was, that example, and whether a negation (the clause's or the example's) was read
   * into the answer by parity, and whether the answer came from the clause's own words rather
   * than the examples' vote.
   */
  public record Match(String check, AnswerValue answer, double similarity, String example, boolean byNegation,
      boolean byWords) {
    public Match(String check, AnswerValue answer, double similarity, String example, boolean byNegation) {
      this(check, answer, similarity, example, byNegation, false);
    }
  }

  private record Example(String check, AnswerValue answer, boolean negated, String text, float[] vector) {}

  private record Scored(Example example, double similarity) {}

  private static volatile ClauseMatcher shared;

  private final EmbeddingModel model;
  private final double minSimilarity;
  private final int neighbours;
  private final double margin;
  private final double floor;
  private final double clearMargin;
  private final List<Example> examples;

  /** Loads and embeds the examples; a malformed line stops start-up with its line number. */
  public ClauseMatcher(EmbeddingModel model, double minSimilarity) {
    this.model = Objects.requireNonNull(model, "model");
    this.minSimilarity = minSimilarity;
    this.neighbours = NEIGHBOURS;
    this.margin = VOTE_MARGIN;
    this.floor = DEFAULT_FLOOR;
    this.clearMargin = DEFAULT_CLEAR_MARGIN;
    List<Example> built = new ArrayList<>();
    List<String> checks = DecisionRules.checkIds();
    int line = 0;
    for (String row : lines()) {
      line++;
      if (row.isBlank() || row.startsWith("#")) {
        continue;
      }
      String[] cells = row.split("\t");
      if (cells.length != 3 || !(checks.contains(cells[0]) || cells[0].equals(NONE))) {
        throw new IllegalStateException(EXAMPLES + " line " + line + ": expected <check id or none> TAB <yes|no|-> TAB <text>");
      }
      AnswerValue answer = cells[0].equals(NONE) ? AnswerValue.UNKNOWN
          : AnswerValue.parse(cells[1]).orElse(AnswerValue.UNKNOWN);
      if (!cells[0].equals(NONE) && answer == AnswerValue.UNKNOWN) {
        throw new IllegalStateException(EXAMPLES + " line " + line + ": the answer must be yes or no");
      }
      List<String> words = Prefill.words(Prefill.normalize(cells[2]));
      built.add(new Example(cells[0], answer, Prefill.negated(words), cells[2], embed(Prefill.withoutNegators(words))));
    }
    this.examples = List.copyOf(built);
  }

  /** One matcher per process on the bundled MiniLM model, built on first use (a few seconds). */
  public static ClauseMatcher shared() {
    ClauseMatcher m = shared;
    if (m == null) {
      synchronized (ClauseMatcher.class) {
        m = shared;
        if (m == null) {
          m = new ClauseMatcher(new MiniLmEmbeddingModel(), DEFAULT_MIN_SIMILARITY);
          shared = m;
        }
      }
    }
    return m;
  }

  /** The same examples and model with another threshold, for measuring. */
  public ClauseMatcher withMinSimilarity(double min) {
    return new ClauseMatcher(this, min, neighbours, margin, floor, clearMargin);
  }

  /** The same examples and model with another floor and margin for clear winners, for measuring. */
  public ClauseMatcher withClearWinner(double floor, double clearMargin) {
    return new ClauseMatcher(this, minSimilarity, neighbours, margin, floor, clearMargin);
  }

  /** The same examples and model with another vote: {@code k} neighbours within {@code margin}, for measuring. */
  public ClauseMatcher withVote(int k, double margin) {
    return new ClauseMatcher(this, minSimilarity, k, margin, floor, clearMargin);
  }

  private ClauseMatcher(ClauseMatcher other, double minSimilarity, int neighbours, double margin, double floor,
      double clearMargin) {
    this.floor = floor;
    this.clearMargin = clearMargin;
    this.model = other.model;
    this.examples = other.examples;
    this.minSimilarity = minSimilarity;
    this.neighbours = neighbours;
    this.margin = margin;
  }

  /** The least similarity a match needs unless it is a clear winner. */
  public double minSimilarity() {
    return minSimilarity;
  }

  /** The check a clause (normalized words) states, if its examples are close enough. */
  public Optional<Match> match(List<String> clause) {
    List<String> plain = Prefill.withoutNegators(clause);
    if (plain.isEmpty()) {
      return Optional.empty();
    }
    float[] v = embed(plain);
    List<Scored> all = examples.stream().map(e -> new Scored(e, dot(v, e.vector())))
        .sorted(Comparator.comparingDouble(Scored::similarity).reversed()).toList();
    List<Scored> ranked = all.subList(0, Math.min(neighbours, all.size()));
    // only neighbours nearly as close as the nearest vote: a near-exact example outweighs a crowd of far ones
    double top = ranked.get(0).similarity();
    List<Scored> nearest = ranked.stream().filter(s -> s.similarity() >= top - margin).toList();
    Map<String, Double> weight = new LinkedHashMap<>();
    nearest.forEach(s -> weight.merge(s.example().check(), s.similarity(), Double::sum));
    String check = weight.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    Scored best = nearest.stream().filter(s -> s.example().check().equals(check)).findFirst().orElseThrow();
    if (check.equals(NONE) || best.similarity() < floor
        || best.similarity() < minSimilarity && !clearWinner(all, check, best.similarity())) {
      return Optional.empty();
    }
    if (nearest.stream().anyMatch(s -> s.example().check().equals(NONE) && s.similarity() >= best.similarity() - TIE)) {
      // as near to something that answers no check: too close to call, so the clause states nothing
      return Optional.empty();
    }
    boolean negated = Prefill.negated(clause);
    double yes = 0;
    double no = 0;
    for (Scored s : nearest) {
      if (s.example().check().equals(check)) {
        AnswerValue a = negated == s.example().negated() ? s.example().answer() : Prefill.flip(s.example().answer());
        if (a == AnswerValue.YES) {
          yes += s.similarity();
        } else {
          no += s.similarity();
        }
      }
    }
    AnswerValue answer = yes >= no ? AnswerValue.YES : AnswerValue.NO;
    return Optional.of(new Match(check, answer, best.similarity(), best.example().text(),
        negated || best.example().negated()));
  }

  /**
   * The answer a clause gives a check already found by other means (a rule cue's subject word, "the
   * prompt", with no answer word of its own): the check's own nearest examples vote, those within
   * the vote margin of its nearest, and only those negated as the clause is (or not): a weak vote is
   * not read through a flip of negation ("nothing more to gain from prompting"). Empty when the
   * nearest is below the floor or the vote is not clear: the winning side needs
   * {@value #CLEAR_VOTE} times the other's weight.
   */
  public Optional<Match> answerFor(String check, List<String> clause) {
    List<String> plain = Prefill.withoutNegators(clause);
    if (plain.isEmpty()) {
      return Optional.empty();
    }
    float[] v = embed(plain);
    boolean negated = Prefill.negated(clause);
    List<Scored> ranked = examples.stream().filter(e -> e.check().equals(check) && e.negated() == negated)
        .map(e -> new Scored(e, dot(v, e.vector())))
        .sorted(Comparator.comparingDouble(Scored::similarity).reversed()).limit(neighbours).toList();
    if (ranked.isEmpty() || ranked.get(0).similarity() < floor) {
      return Optional.empty();
    }
    double top = ranked.get(0).similarity();
    double yes = 0;
    double no = 0;
    for (Scored s : ranked) {
      if (s.similarity() < top - margin) {
        break;
      }
      if (s.example().answer() == AnswerValue.YES) {
        yes += s.similarity();
      } else {
        no += s.similarity();
      }
    }
    if (Math.max(yes, no) < CLEAR_VOTE * Math.min(yes, no)) {
      return Optional.empty();
    }
    return Optional.of(new Match(check, yes > no ? AnswerValue.YES : AnswerValue.NO, top, ranked.get(0).example().text(),
        negated || ranked.get(0).example().negated()));
  }

  /** True when no other check's (or none's) nearest example is within the clear margin of the winner's. */
  private boolean clearWinner(List<Scored> all, String check, double best) {
    return all.stream().filter(s -> !s.example().check().equals(check)).findFirst()
        .map(s -> s.similarity() <= best - clearMargin).orElse(true);
  }

  /** The nearest examples to a clause with their similarity, nearest first, for debugging. */
  List<String> nearest(List<String> clause, int k) {
    float[] v = embed(Prefill.withoutNegators(clause));
    return examples.stream().map(e -> new Scored(e, dot(v, e.vector())))
        .sorted(Comparator.comparingDouble(Scored::similarity).reversed()).limit(k)
        .map(s -> String.format("%.2f %s=%s%s \"%s\"", s.similarity(), s.example().check(), s.example().answer().word(),
            s.example().negated() ? " (negated)" : "", s.example().text()))
        .toList();
  }

  private static List<String> lines() {
    try (InputStream in = ClauseMatcher.class.getClassLoader().getResourceAsStream(EXAMPLES)) {
      if (in == null) {
        throw new IllegalStateException(EXAMPLES + " is not on the class path");
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private float[] embed(List<String> words) {
    Embedding e = model.embed(TextSegment.from(String.join(" ", words))).content();
    e.normalize();
    return e.vector();
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
