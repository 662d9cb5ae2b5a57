package io.lessontutor.checklist;

import static io.lessontutor.checklist.AnswerValue.NO;
import static io.lessontutor.checklist.AnswerValue.UNKNOWN;
import static io.lessontutor.checklist.AnswerValue.YES;

import io.lessontutor.knowledge.KnowledgeFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the checklist's answers into a verdict and the answers that decided it.
 *
 * <p><b>Precedence.</b> The rules are tried in this order and the first that holds wins, so an
 * earlier answer overrides a later, conflicting one (the same order as {@link #PRECEDENCE}):
 * <ol>
 *   <li>the use case is not sound → {@code fix-use-case}: nothing else can rescue it;
 *   <li>prompt engineering has not been pushed → {@code prompt-first};
 *   <li>knowledge or domain context is the gap and RAG has not been tried → {@code add-rag};
 *   <li>the use case is not stable → {@code keep-prompting};
 *   <li>no latency or cost problem prompting can't solve, and no need for format consistency at
 *       high volume → {@code keep-prompting};
 *   <li>no large labeled dataset, or data that is not high quality → {@code get-better-data};
 *   <li>the team can't live with slower iteration → {@code keep-prompting};
 *   <li>otherwise → {@code fine-tune-with-lora}.
 * </ol>
 *
 * <p><b>Not sure.</b> A "Not sure" answer matters only when some answer to it would change the
 * verdict. Rules are evaluated in three-valued logic (Yes / No / Not sure): walking them in order,
 * a rule whose outcome hangs on a "Not sure" answer is remembered; at the first rule that surely
 * holds, if any remembered rule leads to a different verdict the result is {@code
 * need-more-info}, naming the "Not sure" checks of those rules as what to find out. Because no
 * check appears in two rules (the constructor enforces it), this is exact: need-more-info comes
 * out if and only if two ways of answering the "Not sure" checks give different verdicts.
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

  /** Every verdict id, in precedence order, need-more-info last. */
  public static final List<String> VERDICTS = List.of(
      FIX_USE_CASE, PROMPT_FIRST, ADD_RAG, KEEP_PROMPTING, GET_BETTER_DATA, FINE_TUNE_WITH_LORA, NEED_MORE_INFO);

  /** The rules, first match wins. */
  private static final List<Rule> RULES = List.of(
      new Rule(FIX_USE_CASE, Join.ALL, new Term(USE_CASE_SOUND, NO)),
      new Rule(PROMPT_FIRST, Join.ALL, new Term(PROMPTING_PUSHED, NO)),
      new Rule(ADD_RAG, Join.ALL, new Term(KNOWLEDGE_GAP, YES), new Term(RAG_TRIED, NO)),
      new Rule(KEEP_PROMPTING, Join.ALL, new Term(USE_CASE_STABLE, NO)),
      new Rule(KEEP_PROMPTING, Join.ALL, new Term(LATENCY_OR_COST_PROBLEM, NO), new Term(FORMAT_AT_VOLUME, NO)),
      new Rule(GET_BETTER_DATA, Join.ANY, new Term(LARGE_LABELED_DATASET, NO), new Term(DATA_HIGH_QUALITY, NO)),
      new Rule(KEEP_PROMPTING, Join.ALL, new Term(SLOWER_ITERATION_OK, NO)));

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
      "A \"Not sure\" answer that could change the verdict → need-more-info, naming what to find out;"
          + " a \"Not sure\" that changes nothing is ignored.");

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
      if (truth == Truth.MAYBE) {
        hanging.add(rule);
      } else if (truth == Truth.TRUE) {
        return settle(rule.verdict(), hanging, rule.reasonsItHolds(answers), answers);
      }
    }
    List<Term> reasons = new ArrayList<>();
    RULES.forEach(rule -> reasons.addAll(rule.reasonsItFails(answers)));
    return settle(FINE_TUNE_WITH_LORA, hanging, reasons, answers);
  }

  private VerdictCard settle(String verdictId, List<Rule> hanging, List<Term> deciding, Answers answers) {
    Set<String> toFindOut = new LinkedHashSet<>();
    for (Rule rule : hanging) {
      if (!rule.verdict().equals(verdictId)) {
        rule.terms().stream().filter(t -> answers.get(t.check()) == UNKNOWN).forEach(t -> toFindOut.add(t.check()));
      }
    }
    if (!toFindOut.isEmpty()) {
      List<Reason> reasons = inChecklistOrder(toFindOut, answers);
      Verdict verdict = verdict(NEED_MORE_INFO);
      String questions = String.join(" ", reasons.stream().map(Reason::question).toList());
      return new VerdictCard(NEED_MORE_INFO, verdict.headline(), verdict.nextStep() + " To find out: " + questions,
          reasons, verdict.quote(), verdict.source(), answers);
    }
    Set<String> ids = new LinkedHashSet<>();
    deciding.forEach(t -> ids.add(t.check()));
    Verdict verdict = verdict(verdictId);
    return new VerdictCard(verdictId, verdict.headline(), verdict.nextStep(), inChecklistOrder(ids, answers),
        verdict.quote(), verdict.source(), answers);
  }

  private List<Reason> inChecklistOrder(Set<String> checkIds, Answers answers) {
    return checklist.checks().stream()
        .filter(c -> checkIds.contains(c.id()))
        .map(c -> Reason.of(c, answers.get(c.id())))
        .toList();
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

  private record Rule(String verdict, Join join, List<Term> terms) {
    Rule(String verdict, Join join, Term... terms) {
      this(verdict, join, List.of(terms));
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
