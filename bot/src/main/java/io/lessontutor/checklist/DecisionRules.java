package io.lessontutor.checklist;

import static io.lessontutor.checklist.AnswerValue.NO;
import static io.lessontutor.checklist.AnswerValue.UNKNOWN;
import static io.lessontutor.checklist.AnswerValue.YES;

import io.lessontutor.knowledge.KnowledgeFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the checklist's answers into a verdict: fine-tune now, or not yet and what to do next.
 *
 * <p><b>The rules</b>, in precedence order ({@link #PRECEDENCE}), each naming a "not yet" verdict:
 * <ol>
 *   <li>the use case is not sound → {@code fix-use-case};
 *   <li>prompt engineering has not been pushed → {@code prompt-first};
 *   <li>knowledge or domain context is the gap and RAG has not been tried → {@code add-rag};
 *   <li>the use case is not stable → {@code keep-prompting};
 *   <li>no latency or cost problem prompting can't solve, and no need for format consistency at
 *       high volume → {@code keep-prompting};
 *   <li>no large labeled dataset, or data that is not high quality → {@code get-better-data};
 *   <li>the team can't live with slower iteration → {@code keep-prompting}.
 * </ol>
 * When every rule fails, the verdict is {@code fine-tune-with-lora}.
 *
 * <p><b>Open checks</b> ("Not sure" or unanswered) are decided on the decision, not the verdict.
 * Rules are evaluated in three-valued logic. If some rule surely holds on the known answers,
 * fine-tuning is ruled out whatever the open checks say, and the verdict is the first rule that
 * surely holds: the lesson's order (use case, prompt, RAG, then the conditions for fine-tuning),
 * never a rule that would need an open check to go a particular way. Earlier rules that could
 * still hold, with another verdict, are named as the card's assumptions ("assuming the use case is
 * sound"). If no rule surely holds but some could, the decision itself hangs on the open checks:
 * the verdict is {@code need-more-info}, asking only for the open checks of those rules, each of
 * which can flip the decision. {@link #stillMatters} says which open checks could still change the
 * verdict, so front ends can stop asking once none can.
 *
 * <p>Immutable and thread-safe.
 */
public final class DecisionRules {

  public static final String USE_CASE_SOUND = "use-case-sound";
  public static final String PROMPTING_PUSHED = "prompting-pushed";
  public static final String KNOWLEDGE_GAP = "knowledge-gap";
  public static final String RAG_TRIED = "rag-tried";
  public static final String USE_CASE_STABLE = "use-case-stable";
  public static final String LARGE_LABELED_DATASET = "large-labeled-dataset";
  public static final String DATA_HIGH_QUALITY = "data-high-quality";
  public static final String LATENCY_OR_COST_PROBLEM = "latency-or-cost-problem";
  public static final String FORMAT_AT_VOLUME = "format-at-volume";
  public static final String SLOWER_ITERATION_OK = "slower-iteration-ok";

  public static final String FIX_USE_CASE = "fix-use-case";
  public static final String PROMPT_FIRST = "prompt-first";
  public static final String ADD_RAG = "add-rag";
  public static final String KEEP_PROMPTING = "keep-prompting";
  public static final String GET_BETTER_DATA = "get-better-data";
  public static final String FINE_TUNE_WITH_LORA = "fine-tune-with-lora";
  public static final String NEED_MORE_INFO = "need-more-info";

  /** Every check id the rules use, in checklist order. */
  public static List<String> checkIds() {
    return List.of(USE_CASE_SOUND, PROMPTING_PUSHED, KNOWLEDGE_GAP, RAG_TRIED, USE_CASE_STABLE, LARGE_LABELED_DATASET,
        DATA_HIGH_QUALITY, LATENCY_OR_COST_PROBLEM, FORMAT_AT_VOLUME, SLOWER_ITERATION_OK);
  }

  /** Every verdict id, in precedence order, need-more-info last. */
  public static final List<String> VERDICTS = List.of(
      FIX_USE_CASE, PROMPT_FIRST, ADD_RAG, KEEP_PROMPTING, GET_BETTER_DATA, FINE_TUNE_WITH_LORA, NEED_MORE_INFO);

  /** The rules, first match wins. */
  private static final List<Rule> RULES = List.of(
      new Rule(FIX_USE_CASE, "the use case is sound", Join.ALL, new Term(USE_CASE_SOUND, NO)),
      new Rule(PROMPT_FIRST, "prompting has been pushed as far as it goes", Join.ALL, new Term(PROMPTING_PUSHED, NO)),
      new Rule(ADD_RAG, "missing knowledge isn't the gap, or RAG is already in place", Join.ALL,
          new Term(KNOWLEDGE_GAP, YES), new Term(RAG_TRIED, NO)),
      new Rule(KEEP_PROMPTING, "the use case is stable", Join.ALL, new Term(USE_CASE_STABLE, NO)),
      new Rule(KEEP_PROMPTING, "latency, cost or format at volume is a need prompting can't meet", Join.ALL,
          new Term(LATENCY_OR_COST_PROBLEM, NO), new Term(FORMAT_AT_VOLUME, NO)),
      new Rule(GET_BETTER_DATA, "the labeled data is large and high quality", Join.ANY,
          new Term(LARGE_LABELED_DATASET, NO), new Term(DATA_HIGH_QUALITY, NO)),
      new Rule(KEEP_PROMPTING, "the team can live with slower iteration", Join.ALL, new Term(SLOWER_ITERATION_OK, NO)));

  /** The precedence in plain words, for help text and the README; same order as the rules. */
  public static final List<String> PRECEDENCE = List.of(
      "The use case isn't sound → fix-use-case. Fine-tuning can't make a bad use case good, so this wins over everything.",
      "Prompt engineering hasn't been pushed → prompt-first.",
      "Knowledge or domain context is the gap and RAG hasn't been tried → add-rag.",
      "The use case isn't stable yet → keep-prompting.",
      "No latency or cost problem prompting can't solve, and no need for style and format consistency at high volume → keep-prompting.",
      "No large labeled dataset, or the data isn't high quality → get-better-data.",
      "The team can't live with much slower iteration → keep-prompting.",
      "Everything above is in place → fine-tune-with-lora.",
      "Open checks (\"Not sure\" or unanswered): the first rule that surely holds gives the verdict, naming as an"
          + " assumption any earlier rule an open check could still make hold (\"assuming the use case is sound\").",
      "Only when no rule surely holds but an open check could make one hold, so the decision itself is open"
          + " → need-more-info, asking just for those checks.");

  private final Checklist checklist;

  /** Checks that the checklist has every check and verdict the rules name; else stops start-up. */
  public DecisionRules(Checklist checklist) {
    this.checklist = Objects.requireNonNull(checklist, "checklist");
    Set<String> used = new HashSet<>();
    for (Rule rule : RULES) {
      for (Term term : rule.terms()) {
        if (!used.add(term.check())) {
          throw new IllegalStateException("check " + term.check() + " appears in two rules; 'Not sure' handling needs them apart");
        }
      }
    }
    for (String check : used) {
      if (checklist.check(check).isEmpty()) {
        throw new KnowledgeFileException(checklist.source(), 0, "the checklist lacks the check '" + check + "' the decision rules use");
      }
    }
    for (String verdict : VERDICTS) {
      if (checklist.verdict(verdict).isEmpty()) {
        throw new KnowledgeFileException(checklist.source(), 0, "the checklist lacks the verdict '" + verdict + "'");
      }
    }
  }

  /** The verdict for these answers; missing answers count as "Not sure". */
  public VerdictCard decide(Answers answers) {
    List<Rule> hanging = new ArrayList<>();
    for (Rule rule : RULES) {
      Truth truth = rule.evaluate(answers);
      if (truth == Truth.TRUE) {
        List<String> assumptions = new ArrayList<>();
        hanging.stream().filter(h -> !h.verdict().equals(rule.verdict())).forEach(h -> assumptions.add(h.assumption()));
        return card(rule.verdict(), reasons(rule.reasonsItHolds(answers), answers), assumptions, answers);
      }
      if (truth == Truth.MAYBE) {
        hanging.add(rule);
      }
    }
    if (hanging.isEmpty()) {
      List<Term> passed = new ArrayList<>();
      RULES.forEach(rule -> passed.addAll(rule.reasonsItFails(answers)));
      return card(FINE_TUNE_WITH_LORA, reasons(passed, answers), List.of(), answers);
    }
    // Each open check of a rule that could still hold can flip the decision: with the other
    // rules failing, that check alone decides whether this rule holds.
    List<Term> toFindOut = new ArrayList<>();
    hanging.forEach(rule -> rule.terms().stream().filter(t -> answers.get(t.check()) == UNKNOWN).forEach(toFindOut::add));
    List<Reason> reasons = reasons(toFindOut, answers);
    Verdict verdict = verdict(NEED_MORE_INFO);
    String questions = String.join(" ", reasons.stream().map(Reason::question).toList());
    return new VerdictCard(NEED_MORE_INFO, verdict.headline(), verdict.nextStep() + " To find out: " + questions,
        reasons, List.of(), verdict.quote(), verdict.source(), answers);
  }

  /**
   * The open checks whose answer could still change the verdict, in asking (checklist) order: for
   * each, some way of answering the other open checks makes its Yes and its No give different
   * verdicts. Empty once the verdict is settled. Found by trying every completion of the open
   * checks (at most 2^10), so it is exact by construction.
   */
  public List<String> stillMatters(Answers answers) {
    List<String> open = checklist.checkIds().stream().filter(id -> !answers.isKnown(id)).toList();
    if (open.isEmpty()) {
      return List.of();
    }
    Set<String> matters = new LinkedHashSet<>();
    int completions = 1 << open.size();
    String[] verdicts = new String[completions];
    for (int mask = 0; mask < completions; mask++) {
      verdicts[mask] = strictVerdict(complete(answers, open, mask));
    }
    for (int i = 0; i < open.size(); i++) {
      int bit = 1 << i;
      for (int mask = 0; mask < completions; mask++) {
        if ((mask & bit) == 0 && !verdicts[mask].equals(verdicts[mask | bit])) {
          matters.add(open.get(i));
          break;
        }
      }
    }
    return List.copyOf(matters);
  }

  /** What the card assumes when rule {@code index} (0-based, precedence order) could still hold. */
  static String assumption(int index) {
    return RULES.get(index).assumption();
  }

  /** The verdict when every check is answered: the first rule that holds, else fine-tune. */
  static String strictVerdict(Answers complete) {
    for (Rule rule : RULES) {
      if (rule.evaluate(complete) == Truth.TRUE) {
        return rule.verdict();
      }
    }
    return FINE_TUNE_WITH_LORA;
  }

  private static Answers complete(Answers answers, List<String> open, int mask) {
    Map<String, AnswerValue> values = new HashMap<>(answers.values());
    for (int i = 0; i < open.size(); i++) {
      values.put(open.get(i), (mask & (1 << i)) != 0 ? YES : NO);
    }
    return new Answers(values);
  }

  private VerdictCard card(String verdictId, List<Reason> reasons, List<String> assumptions, Answers answers) {
    Verdict verdict = verdict(verdictId);
    return new VerdictCard(verdictId, verdict.headline(), verdict.nextStep(), reasons, assumptions,
        verdict.quote(), verdict.source(), answers);
  }

  /** Reasons in rule (precedence) order, one per check, so the first few are the ones that decide. */
  private List<Reason> reasons(List<Term> terms, Answers answers) {
    Set<String> seen = new LinkedHashSet<>();
    terms.forEach(t -> seen.add(t.check()));
    return seen.stream().map(id -> Reason.of(checklist.check(id).orElseThrow(), answers.get(id))).toList();
  }

  private Verdict verdict(String id) {
    return checklist.verdict(id).orElseThrow();
  }

  /** Three-valued truth: MAYBE when the outcome hangs on a "Not sure" answer. */
  private enum Truth { TRUE, FALSE, MAYBE }

  private enum Join { ALL, ANY }

  /** "The answer to {@code check} is {@code value}". */
  private record Term(String check, AnswerValue value) {
    Truth evaluate(Answers answers) {
      AnswerValue given = answers.get(check);
      return given == UNKNOWN ? Truth.MAYBE : given == value ? Truth.TRUE : Truth.FALSE;
    }
  }

  /**
   * A rule: when it holds, its verdict.
   *
   * @param assumption what is assumed when the rule could hold but a later one gives the verdict
   */
  private record Rule(String verdict, String assumption, Join join, List<Term> terms) {
    Rule(String verdict, String assumption, Join join, Term... terms) {
      this(verdict, assumption, join, List.of(terms));
    }

    Truth evaluate(Answers answers) {
      List<Truth> truths = terms.stream().map(t -> t.evaluate(answers)).toList();
      Truth decisive = join == Join.ALL ? Truth.FALSE : Truth.TRUE;
      if (truths.contains(decisive)) {
        return decisive;
      }
      return truths.contains(Truth.MAYBE) ? Truth.MAYBE : (join == Join.ALL ? Truth.TRUE : Truth.FALSE);
    }

    /** The terms that make the rule hold: all of them for ALL, the true ones for ANY. */
    List<Term> reasonsItHolds(Answers answers) {
      return terms.stream().filter(t -> t.evaluate(answers) == Truth.TRUE).toList();
    }

    /** The answered terms that keep the rule from holding. */
    List<Term> reasonsItFails(Answers answers) {
      return terms.stream().filter(t -> t.evaluate(answers) == Truth.FALSE).toList();
    }
  }
}
