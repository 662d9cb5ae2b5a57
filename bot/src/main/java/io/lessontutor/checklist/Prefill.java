package io.lessontutor.checklist;

import static io.lessontutor.checklist.DecisionRules.DATA_HIGH_QUALITY;
import static io.lessontutor.checklist.DecisionRules.FORMAT_AT_VOLUME;
import static io.lessontutor.checklist.DecisionRules.KNOWLEDGE_GAP;
import static io.lessontutor.checklist.DecisionRules.LARGE_LABELED_DATASET;
import static io.lessontutor.checklist.DecisionRules.LATENCY_OR_COST_PROBLEM;
import static io.lessontutor.checklist.DecisionRules.PROMPTING_PUSHED;
import static io.lessontutor.checklist.DecisionRules.RAG_TRIED;
import static io.lessontutor.checklist.DecisionRules.SLOWER_ITERATION_OK;
import static io.lessontutor.checklist.DecisionRules.USE_CASE_SOUND;
import static io.lessontutor.checklist.DecisionRules.USE_CASE_STABLE;

import io.lessontutor.knowledge.KnowledgeFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

/**
 * Reads what a team typed after the command ("we have 80k labeled tickets and latency is our
 * problem") and answers the checks it states; every check it does not state stays UNKNOWN.
 *
 * <p>How: the text is split into clauses (at punctuation, "and", "but"...). In each clause a cue
 * fires when one of its subject words appears; its answer is the first yes- or no-word of the
 * clause, else its default; a negation in the clause ("not", "haven't", "no"...) flips it, except
 * a negation of an outcome ("RAG didn't help", "prompting can't solve our latency"), which says
 * something was tried. A clause that hedges ("not sure", "maybe") states nothing. When two
 * clauses disagree the later one wins. Words match with typos: through Lucene's Levenshtein
 * automata, one edit for words of 6 to 8 letters, two from 9 ("latncy", "labled", "retreival").
 *
 * <p>Dataset size: a count next to a data word ("80k labeled tickets", "300 examples", "tens of
 * thousands of rows") is large from {@value #LARGE_DATASET_MIN} items. The lesson gives no
 * number; ten thousand is our reading of "large", and below it we would rather send a team to
 * get more data than to fine-tune. A negated count ("we don't have 10k examples") is never large.
 *
 * <p>Immutable and thread-safe.
 */
public final class Prefill {

  /**
   * How rule cues and the embedding matcher are combined, clause by clause. {@code scripts/bench
   * checklist} measures each on the description sets; {@link #DEFAULT_MIX} is the best on the
   * tuning set.
   */
  public enum Mix {
    /** Rule cues alone. */
    RULES,
    /** The embedding matcher alone: one check per clause. */
    EMBEDDINGS,
    /** Rule cues; a clause they read nothing from goes to the embedding matcher. */
    RULES_THEN_EMBEDDINGS,
    /** The embedding matcher; where it matches nothing, or for other checks than its match, rule cues. */
    EMBEDDINGS_THEN_RULES
  }

  /** The mix front ends use. */
  public static final Mix DEFAULT_MIX = Mix.RULES_THEN_EMBEDDINGS;

  /** The smallest labeled dataset counted as "large". */
  public static final long LARGE_DATASET_MIN = 10_000;
  /** How many words a count may sit before the data word it counts ("80k labeled support tickets"). */
  static final int COUNT_REACH = 3;

  private static final Set<String> NEGATORS = Set.of(
      "not", "no", "never", "without", "none", "nobody", "nothing", "neither", "nor", "cannot", "cant", "dont",
      "doesnt", "didnt", "havent", "hasnt", "hadnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt",
      "shouldnt", "couldnt", "aint", "lack", "lacks", "lacking", "missing", "nobodys", "nothings", "non", "skipped");
  /** After a negator these say an outcome was missed, not that the thing is absent: "RAG didn't help". */
  private static final Set<String> OUTCOMES = Set.of(
      "help", "helped", "work", "worked", "solve", "solved", "fix", "fixed", "cut", "reduce", "handle", "meet",
      "beat", "improve", "move", "bring", "lower", "get", "shrink", "budge", "close");
  /** Verbs that say people use (or ignore) what was built, with "it" as their object. */
  private static final Set<String> USE_VERBS = Set.of(
      "use", "uses", "using", "rely", "relies", "depend", "depends", "run", "runs", "hit", "hits", "open", "opens",
      "want", "wants", "ignore", "ignores", "ignored", "like", "likes", "liked", "love", "loves", "loved", "enjoy",
      "enjoys");
  /** Verbs of finding out: negated, they say a state of things is not known ({@link #unverified}). */
  private static final Set<String> FINDING_OUT = Set.of(
      "check", "checked", "checking", "verify", "verified", "measure", "measured", "looked", "validated",
      "validate", "audited", "benchmarked", "profiled", "evaluated");
  /** Verbs that report what looking found. */
  private static final Set<String> FOUND = Set.of("found", "finds", "showed", "shows", "revealed", "turned");
  /** Words of wishing and supposing ({@link #irrealis}). */
  private static final Set<String> IRREALIS = Set.of(
      "if", "would", "wed", "wish", "wishes", "hope", "hoping", "hopefully", "ideally", "rather", "might",
      "someday", "eventually");
  /**
   * The checks whose Yes is the state a team wishes for: a wish for it never says it holds. Not
   * whether the use case is sound, which the checklist itself asks as a supposition ("would a
   * perfect answer help?", "the ops folks would happily pay for this").
   */
  private static final Set<String> GOOD_STATES = Set.of(
      DecisionRules.RAG_TRIED, DecisionRules.PROMPTING_PUSHED, DecisionRules.LARGE_LABELED_DATASET,
      DecisionRules.DATA_HIGH_QUALITY, DecisionRules.USE_CASE_STABLE);
  /** The checks that say how things are, not what the team did: unknown until someone looks. */
  private static final Set<String> STATES = Set.of(
      DecisionRules.DATA_HIGH_QUALITY, DecisionRules.LATENCY_OR_COST_PROBLEM, DecisionRules.KNOWLEDGE_GAP,
      DecisionRules.USE_CASE_SOUND, DecisionRules.FORMAT_AT_VOLUME);
  private static final Set<String> IGNORES = Set.of("ignore", "ignores", "ignored");
  /** Liking what was built says it is wanted, however often it is used. */
  private static final Set<String> LIKES = Set.of("like", "likes", "liked", "love", "loves", "loved", "enjoy", "enjoys");
  private static final Set<String> WISHES = Set.of("would", "wed", "id", "youd", "theyd", "to");
  /** Verbs after which "like" compares ("looks like", "sounds like"). */
  private static final Set<String> SEEMING = Set.of("look", "looks", "looked", "sound", "sounds", "seem", "seems", "feel", "feels");
  private static final Set<String> USE_OBJECTS = Set.of("it", "them", "its");
  /** Words that say a use is regular: "every shift", "daily", "all day". */
  private static final Set<String> REGULARLY = Set.of(
      "every", "each", "daily", "hourly", "weekly", "constantly", "always", "all", "times");
  /** Verbs of change, for {@link #changesAgainAndAgain}. */
  private static final Set<String> CHANGES = Set.of(
      "change", "changes", "changing", "changed", "rewrite", "rewrites", "rewriting", "rewritten", "redo", "redone",
      "redoes", "rework", "reworks", "reworked", "shift", "shifts", "shifting", "pivot", "pivots", "pivoting",
      "evolves", "evolving", "moves", "moving");
  private static final Set<String> TWEAKS = Set.of(
      "push", "pushes", "adjust", "adjusts", "tweak", "tweaks", "update", "updates", "ship", "ships", "hotfix", "hotfixes",
      "new", "edit", "edits");
  private static final Set<String> SUBDAILY = Set.of("hourly", "daily", "constantly");
  private static final Set<String> PARTS_OF_DAY = Set.of("day", "morning", "afternoon", "evening", "hour", "night");
  /** What the model is told: the prompt, the bot's behaviour. */
  private static final Set<String> TOLD = Set.of("prompt", "prompts", "bot", "behaviour", "behavior", "instructions");
  /** Words that say something happens again and again: "every sprint", "constantly", "keeps changing". */
  private static final Set<String> AGAIN = Set.of(
      "every", "constantly", "weekly", "monthly", "keeps", "keep", "still", "always", "often", "continually");
  /** Negators that stand for a subject ("no prompt change", "nothing we tried"), whose outcome may follow a few words on. */
  private static final Set<String> DETERMINERS = Set.of("no", "nothing", "none");
  private static final Set<String> AUXILIARIES = Set.of("has", "have", "had", "did", "does", "could", "can", "would", "will");
  /** How many words a negated subject may take before its outcome verb. */
  private static final int SUBJECT_REACH = 5;
  /** After a negator these soften rather than negate: "right most of the time, but not all". */
  private static final Set<String> QUANTIFIERS = Set.of("all", "always", "every", "only", "entirely");
  /** After "but not", these qualify a degree: "helped, but not enough". */
  private static final Set<String> DEGREES = Set.of("enough", "much", "quite", "always", "entirely", "fully", "perfect");
  /** After a count and its data word, these make it a rate, not a dataset: "50k emails a day". */
  private static final Set<String> RATES = Set.of(
      "day", "daily", "per", "week", "weekly", "month", "monthly", "hour", "hourly", "year", "yearly", "minute", "second");
  /** Slack shorthand, as whole words, to what it stands for. */
  private static final Map<String, String> SHORTHAND = Map.ofEntries(
      Map.entry("r", "are"), Map.entry("b4", "before"), Map.entry("tho", "though"), Map.entry("w", "with"),
      Map.entry("bc", "because"), Map.entry("cuz", "because"), Map.entry("u", "you"), Map.entry("ur", "your"),
      Map.entry("rn", "right now"), Map.entry("ppl", "people"), Map.entry("abt", "about"), Map.entry("idk", "dont know if"),
      Map.entry("prob", "probably"), Map.entry("zero", "0"), Map.entry("im", "i am"), Map.entry("thru", "through"),
      Map.entry("tbh", ""), Map.entry("lol", ""), Map.entry("ngl", ""), Map.entry("imo", ""), Map.entry("kinda", ""),
      Map.entry("sorta", ""), Map.entry("pls", ""), Map.entry("fwiw", ""));
  /** Words that may sit between a negator and the mention it governs: "haven't really tried any RAG". */
  private static final Set<String> GOVERNED = Set.of(
      "have", "has", "had", "got", "any", "a", "an", "the", "much", "enough", "yet", "really", "tried", "done",
      "used", "use", "using", "set", "up", "built", "added", "our", "real", "labeled", "labelled", "been", "even",
      "looked", "at", "into", "of", "is", "are", "was", "proper", "good", "large", "big", "that", "many",
      "pushed", "touched", "worked", "on", "explored", "spent", "time", "with", "wired", "hooked", "it", "them", "see",
      "sees", "seen", "saw");
  /** Negators of a copula: "it's not a knowledge problem" says what something is not. */
  private static final Set<String> COPULAR_NEGATORS = Set.of("not", "isnt", "wasnt", "arent", "aint");
  /** Words that say items were labeled: a count this close before one is a labeled dataset ("400k invoices with verified labels"). */
  private static final Set<String> LABELLING = Set.of(
      "labeled", "labelled", "labels", "tagged", "annotated", "verified", "reviewed", "rated", "graded", "approved",
      "adjudicated");
  /** How many words a count may sit before a labelling word. */
  static final int LABELLING_REACH = 6;
  private static final Set<String> FILLERS = Set.of("really", "quite", "fully", "yet", "much", "seem", "seems", "to", "be");
  private static final List<String> HEDGES = List.of(
      "not sure", "unsure", "no idea", "dont know if", "dont know whether", "dunno", "maybe", "perhaps",
      "not certain", "unclear whether", "unclear if", "no clue");
  private static final Pattern CLAUSE_BREAK =
      Pattern.compile("[.;:!?,()]+|\\s(?:and|but|although|though|however|while|whereas|plus|also|because|so)\\s"
          // "since we ..." gives a reason, a new clause; "since Q2", "since the audit" says when, part of its clause
          + "|\\ssince\\s(?=(?:we|they|it|its|i|you|there|theres|that|this|nobody|no one|everyone)\\s)");
  private static final Pattern NUMBER = Pattern.compile("\\d+");
  /** A delimiter that ends a sentence: fragments do not join across it. */
  private static final Pattern SENTENCE_END = Pattern.compile("[.;:!?]");
  /** A delimiter after which a short fragment is a label for what follows. */
  private static final Pattern LABEL_END = Pattern.compile("[:?]");
  /** The most words a label before a colon or question mark has ("slow iteration?", "knowledge gap?"). */
  private static final int LABEL_MAX = 3;

  /** The cue table: which words state which check. Read the javadoc above for how a cue fires. */
  private static final List<Cue> CUES = List.of(
      new Cue(USE_CASE_SOUND, "usecase idea",
          "sound solid clear good valid validated proven real worthwhile useful defined",
          "bad unclear vague fuzzy shaky weak wrong broken dubious undefined pointless questionable useless",
          null, null),
      new Cue(PROMPTING_PUSHED, "prompt prompts prompting instructions",
          "tried pushed exhausted optimized optimised tuned iterated engineered maxed spent tested refined squeezed"
              + " done worked plateau plateaued ceiling limit limits everything revisions revised polished dialed good"
              + " solid",
          "basic simple quick naive barely started first draft v0 v1 initial rough copied copypasted once afternoon"
              + " original default",
          null, AnswerValue.NO),
      new Cue(KNOWLEDGE_GAP, "knowledge =context facts documents docs documentation know knows catalogue catalog wiki"
              + " hallucinates hallucinate hallucinating hallucinations invents inventing",
          "gap missing lacks lack lacking need needs outdated hallucinates hallucinate hallucinating hallucinations invents"
              + " inventing"
              + " without wrong problem issue",
          "know knows enough fine all",
          // wiring documents up to the model is RAG, not what the model knows: "we never hooked the KB up"
          null, AnswerValue.YES, "hooked connected plugged indexed", "lack lacks lacking missing without"),
      new Cue(RAG_TRIED, "rag retrieval vector embeddings lookup grounding grounded",
          "tried using use used added built running deployed implemented already have has help helped work worked place"
              + " did shipped live prod production setup wired works fix fixed solve solved",
          "considering consider thinking planning plan next later soon should could might want",
          null, AnswerValue.NO),
      new Cue(USE_CASE_STABLE,
          "usecase requirements requirement task spec scope product workflow prototype prototyping poc pilot",
          "stable settled fixed frozen mature locked =unchanged same",
          "changing changes change changed evolving evolve shifting shifts moving unstable flux experimental prototype"
              + " prototyping pivoting pivot early new exploring moved moves move figuring unsettled",
          null, null),
      new Cue(LARGE_LABELED_DATASET,
          "data dataset datasets examples labeled labelled labels label tickets samples rows records pairs"
              + " conversations emails annotated annotations transcripts threads",
          "large lots plenty huge big massive tons many loads enough much",
          "small little tiny limited few handful scarce",
          null, AnswerValue.NO),
      new Cue(DATA_HIGH_QUALITY,
          "data dataset labels labeled labelled label examples annotations annotated rows records pairs samples",
          "clean highquality consistent accurate reviewed verified curated gold good great solid excellent correct"
              + " checked audited vetted trust trusted trusts trustworthy reliable",
          "noisy messy dirty inconsistent bad poor wrong garbage unreliable errors mislabeled mislabelled lowquality"
              + " sloppy rush rushed hastily",
          null, null),
      new Cue(LATENCY_OR_COST_PROBLEM,
          "latency slow slowness cost costs expensive bill spend spending price pricing lag laggy response responses",
          "problem problems issue issues high too hurting killing pain bottleneck huge expensive",
          "fine ok okay acceptable good low cheap fast great pennies negligible trivial",
          AnswerValue.YES, AnswerValue.NO,
          // what the model knows about prices is the knowledge gap, not the bill
          "iteration iterate iterating iterations retrain retraining down releases know knows hallucinates hallucinate"
              + " hallucinating invents", ""),
      new Cue(FORMAT_AT_VOLUME, "format formats formatting style tone json schema structure structured",
          "consistent consistency strict exact volume scale",
          "fine ok okay flexible loose free freeform whatever",
          AnswerValue.YES, AnswerValue.NO),
      new Cue(SLOWER_ITERATION_OK,
          // "=iterate": "iterated" is prompt work ("haven't really iterated"), one edit away
          "iteration =iterate iterating iterations retrain retraining iterative experiment experiments ship shipping"
              + " slower releases deploy deploys deploying cadence slowdown",
          "afford fine ok okay accept acceptable accepts live patient slowdown wait tolerate tolerable",
          "fast faster quick quickly daily rapid rapidly constantly hourly often frequently kill kills mind minds"
              + " hurt",
          null, null));

  private final List<Cue> cues;
  private final Supplier<ClauseMatcher> matcher;
  private final Mix mix;

  /** Rule cues alone; no embedding model is loaded. */
  public Prefill(Checklist checklist) {
    this(checklist, null, Mix.RULES);
  }

  private Prefill() {
    this.cues = CUES;
    this.matcher = null;
    this.mix = Mix.RULES;
  }

  private static final Prefill RULES_ALONE = new Prefill();

  /** Rule cues alone, without a checklist to check them against (the checks are DecisionRules' constants). */
  static Prefill rulesAlone() {
    return RULES_ALONE;
  }

  /**
   * Checks that every cue names a check of the checklist; else stops start-up.
   *
   * @param matcher gives the embedding matcher on first use (it loads a model); null only with
   *     {@link Mix#RULES}
   */
  public Prefill(Checklist checklist, Supplier<ClauseMatcher> matcher, Mix mix) {
    for (Cue cue : CUES) {
      if (checklist.check(cue.check()).isEmpty()) {
        throw new KnowledgeFileException(checklist.source(), 0,
            "the checklist lacks the check '" + cue.check() + "' that pre-fill answers");
      }
    }
    if (matcher == null && mix != Mix.RULES) {
      throw new IllegalArgumentException("the " + mix + " mix needs an embedding matcher");
    }
    this.cues = CUES;
    this.matcher = matcher;
    this.mix = Objects.requireNonNull(mix, "mix");
  }

  /**
   * How an answer was read, from the surest to the weakest: a rule cue's own words, default or
   * negated mention; a cue's subject judged by an evaluative word ({@link Polarity}); a clause
   * without a subject answered with the previous one's; whether people use it, or it changes again
   * and again, or within the day; the embedding matcher's check with the answer from the clause's
   * words; its check and answer both by the examples' vote; a cue's subject with the answer by
   * that check's own examples' vote.
   */
  public enum How { CUE, CUE_JUDGEMENT, BORROWED, PATTERN, EMBEDDING_WORDS, EMBEDDING_VOTE, SUBJECT_VOTE }

  /** The answers a description states, each with how it was read. */
  public record Reading(Answers answers, Map<String, How> how) {
    public Reading {
      how = Map.copyOf(how);
    }
  }

  /** The answers the description states; the rest UNKNOWN. A null or blank description states none. */
  public Answers read(String description) {
    return reading(description).answers();
  }

  /** {@link #read}, with how each answer was read. */
  public Reading reading(String description) {
    if (description == null || description.isBlank()) {
      return new Reading(Answers.none(), Map.of());
    }
    Map<String, AnswerValue> found = new LinkedHashMap<>();
    Map<String, How> how = new LinkedHashMap<>();
    List<String> previous = List.of();
    Map<String, AnswerValue> previousRead = Map.of();
    for (List<String> clause : clauses(normalize(description))) {
      Map<String, AnswerValue> before = Map.copyOf(found);
      Map<String, How> howBefore = Map.copyOf(how);
      if (hedges(clause)) {
        previous = List.of();
        previousRead = Map.of();
        continue;
      }
      Map<String, AnswerValue> byRules = new LinkedHashMap<>();
      Map<String, How> rulesHow = new LinkedHashMap<>();
      if (mix != Mix.EMBEDDINGS) {
        byRules.putAll(byCues(clause, rulesHow));
        if (byRules.isEmpty() && !previous.isEmpty() && cues.stream().noneMatch(c -> c.concerns(clause))) {
          // "the use case is solid and hasn't changed in a year": a clause without a subject of its
          // own borrows the previous clause's, for checks that clause did not already answer
          List<String> borrowed = join(previous, clause);
          for (Cue cue : cues) {
            AnswerValue answer = byCue(cue, borrowed);
            // only where this clause's own words carry the answer ("hasn't changed", "all double-checked",
            // "the vendor's quality was awful")
            boolean own = cue.answer(clause, false) != AnswerValue.UNKNOWN
                || Polarity.judgement(cue.check(), clause) != AnswerValue.UNKNOWN;
            if (answer != AnswerValue.UNKNOWN && own && !previousRead.containsKey(cue.check())) {
              byRules.put(cue.check(), answer);
              rulesHow.put(cue.check(), How.BORROWED);
            }
          }
        }
      }
      switch (mix) {
        case RULES -> {
          found.putAll(byRules);
          how.putAll(rulesHow);
        }
        case RULES_THEN_EMBEDDINGS -> {
          if (byRules.isEmpty()) {
            embedded(clause).map(m -> Map.entry(m, m.byWords() ? How.EMBEDDING_WORDS : How.EMBEDDING_VOTE))
                .or(() -> answerForSubject(clause).map(m -> Map.entry(m, How.SUBJECT_VOTE)))
                .ifPresent(e -> {
                  found.put(e.getKey().check(), e.getKey().answer());
                  how.put(e.getKey().check(), e.getValue());
                });
          } else {
            found.putAll(byRules);
            how.putAll(rulesHow);
          }
        }
        case EMBEDDINGS -> embedded(clause).ifPresent(m -> {
          found.put(m.check(), m.answer());
          how.put(m.check(), m.byWords() ? How.EMBEDDING_WORDS : How.EMBEDDING_VOTE);
        });
        case EMBEDDINGS_THEN_RULES -> {
          found.putAll(byRules);
          how.putAll(rulesHow);
          embedded(clause).ifPresent(m -> {
            found.put(m.check(), m.answer());
            how.put(m.check(), m.byWords() ? How.EMBEDDING_WORDS : How.EMBEDDING_VOTE);
          });
        }
      }
      if (unverified(clause)) {
        // "we have 90k labels but nobody has checked them": what nobody looked at is not known,
        // neither good nor bad; this clause states nothing of a state of things
        restore(STATES, found, how, before, howBefore, v -> true);
      }
      if (irrealis(clause)) {
        // "we'd love a stable scope", "would rather have RAG than fine-tune", "if we had clean
        // labels": a wish or a supposition says nothing of what is; it never says the good state holds
        restore(GOOD_STATES, found, how, before, howBefore, v -> v == AnswerValue.YES);
      }
      previous = clause;
      previousRead = unverified(clause) ? Map.of() : byRules;
    }
    how.keySet().retainAll(found.keySet());
    return new Reading(new Answers(found), how);
  }

  /** Puts back what the checks read before this clause, for those whose new answer {@code undo} holds. */
  private static void restore(Set<String> checks, Map<String, AnswerValue> found, Map<String, How> how,
      Map<String, AnswerValue> before, Map<String, How> howBefore, java.util.function.Predicate<AnswerValue> undo) {
    for (String check : checks) {
      if (!found.containsKey(check) || found.get(check) == before.get(check) || !undo.test(found.get(check))) {
        continue;
      }
      if (before.containsKey(check)) {
        found.put(check, before.get(check));
        how.put(check, howBefore.get(check));
      } else {
        found.remove(check);
        how.remove(check);
      }
    }
  }

  /** True when the clause wishes or supposes rather than says ("we'd love", "ideally", "if we had"). */
  static boolean irrealis(List<String> clause) {
    return clause.stream().anyMatch(IRREALIS::contains);
  }

  /**
   * True when the clause says nobody looked ("haven't checked label quality", "nobody has
   * verified them", "we never measured latency"): a negated verb of finding out, before which no
   * other verb is negated. Not when what was found follows ("nobody's checked them and a spot
   * check found lots of wrong ones").
   */
  static boolean unverified(List<String> clause) {
    boolean negation = false;
    boolean unverified = false;
    for (int i = 0; i < clause.size(); i++) {
      if (negates(clause, i)) {
        negation = true;
      } else if (negation && FINDING_OUT.contains(clause.get(i))) {
        unverified = true;
      } else if (unverified && FOUND.contains(clause.get(i))) {
        return false;
      }
    }
    return unverified;
  }

  private Map<String, AnswerValue> byCues(List<String> clause, Map<String, How> how) {
    Map<String, AnswerValue> read = new LinkedHashMap<>();
    for (Cue cue : cues) {
      AnswerValue answer = cue.read(clause);
      How by = How.CUE;
      if (answer == AnswerValue.UNKNOWN && cue.concerns(clause)) {
        answer = Polarity.judgement(cue.check(), clause);
        by = How.CUE_JUDGEMENT;
      }
      if (answer != AnswerValue.UNKNOWN) {
        read.put(cue.check(), answer);
        how.put(cue.check(), by);
      }
    }
    if (read.isEmpty()) {
      AnswerValue used = usage(clause);
      if (used != AnswerValue.UNKNOWN) {
        read.put(USE_CASE_SOUND, used);
        how.put(USE_CASE_SOUND, How.PATTERN);
      }
    }
    if (read.isEmpty() && cues.stream().noneMatch(c -> c.concerns(clause)) && changesAgainAndAgain(clause)) {
      read.put(USE_CASE_STABLE, AnswerValue.NO);
      how.put(USE_CASE_STABLE, How.PATTERN);
    }
    if (!read.containsKey(SLOWER_ITERATION_OK) && changedWithinTheDay(clause)) {
      read.put(SLOWER_ITERATION_OK, AnswerValue.NO);
      how.put(SLOWER_ITERATION_OK, How.PATTERN);
    }
    return read;
  }

  /**
   * True when the team changes what the model is told within the day ("we push prompt changes
   * hourly", "we adjust the bot every afternoon", "a new prompt every morning"): a team that works
   * so cannot live with slower iteration. Not when negated ("we rarely change it" is no negation,
   * but "we don't tweak it daily" is).
   */
  static boolean changedWithinTheDay(List<String> clause) {
    boolean change = false;
    boolean withinTheDay = false;
    for (int i = 0; i < clause.size(); i++) {
      String w = clause.get(i);
      if (negates(clause, i)) {
        return false;
      }
      change |= CHANGES.contains(w) || TWEAKS.contains(w);
      withinTheDay |= SUBDAILY.contains(w) || w.equals("every") && i + 1 < clause.size() && PARTS_OF_DAY.contains(clause.get(i + 1));
    }
    return change && withinTheDay && clause.stream().anyMatch(TOLD::contains);
  }

  /**
   * True when a clause about nothing the cues know says something changes again and again: "the
   * merch team rewrites the brief every week", "what the bot should cover changes with every
   * reorg". What keeps changing is then what the team is asked to build (changes to the prompt,
   * the model or the data name their subject, which a cue knows). A negated change ("hasn't
   * changed in a year") is left to the cues.
   */
  static boolean changesAgainAndAgain(List<String> clause) {
    boolean change = false;
    boolean again = false;
    for (int i = 0; i < clause.size(); i++) {
      String w = clause.get(i);
      if (negates(clause, i)) {
        return false;
      }
      change |= CHANGES.contains(w);
      again |= AGAIN.contains(w) || w.equals("time") && i > 0 && clause.get(i - 1).equals("the")
          && i > 1 && clause.get(i - 2).equals("all");
    }
    return change && again;
  }

  /**
   * Whether people use what was built, which says whether the use case is sound: a verb of use with
   * "it" or "them" as its object ("translators use it on every string", "they run it on every
   * invoice", "the doctors ignore its output"). Used regularly ("every", "daily") is Yes; a negated
   * use ("the clinicians don't want it", "0 users ever open it") or ignoring it is No; a use
   * without regularity, or wanting something of it, says nothing.
   */
  static AnswerValue usage(List<String> clause) {
    for (int i = 0; i < clause.size(); i++) {
      if (!USE_VERBS.contains(clause.get(i)) || !objectFollows(clause, i)) {
        continue;
      }
      if (i > 0 && SEEMING.contains(clause.get(i - 1))) {
        // "what the output looks like", "sounds like it": "like" compares, nobody likes anything
        continue;
      }
      boolean negated = false;
      for (int k = 0; k < i; k++) {
        negated |= negates(clause, k) || clause.get(k).equals("0");
      }
      if (IGNORES.contains(clause.get(i))) {
        return negated ? AnswerValue.UNKNOWN : AnswerValue.NO;
      }
      if (negated) {
        return AnswerValue.NO;
      }
      if (clause.get(i).startsWith("want")) {
        // "what we want from it shifts every cycle": wanting something of it is no use of it
        continue;
      }
      if (LIKES.contains(clause.get(i))) {
        // "shoppers like them", "users love it"; but "we'd like it faster" is a wish
        boolean wish = i > 0 && WISHES.contains(clause.get(i - 1));
        return wish ? AnswerValue.UNKNOWN : AnswerValue.YES;
      }
      return clause.stream().anyMatch(REGULARLY::contains) ? AnswerValue.YES : AnswerValue.UNKNOWN;
    }
    return AnswerValue.UNKNOWN;
  }

  /** True when "it", "them" or "its" follows the verb within two words ("rely on it"), or the verb ends the clause. */
  private static boolean objectFollows(List<String> clause, int verb) {
    for (int j = verb + 1; j <= Math.min(clause.size() - 1, verb + 3); j++) {
      if (USE_OBJECTS.contains(clause.get(j))) {
        return true;
      }
    }
    return verb == clause.size() - 1;
  }

  /**
   * A cue's answer: its own words, default and negated mention first; when it finds the check but
   * none of those answers ("great use case", "the vendor's labels were awful"), the clause's polar
   * words ({@link Polarity}).
   */
  private static AnswerValue byCue(Cue cue, List<String> clause) {
    AnswerValue answer = cue.read(clause);
    return answer == AnswerValue.UNKNOWN && cue.concerns(clause) ? Polarity.judgement(cue.check(), clause) : answer;
  }

  /**
   * When one cue's subject word names the check ("nobody has really sat down with the prompt yet")
   * but neither its words nor the matcher's nearest check answer it: that check's own examples
   * vote ({@link ClauseMatcher#answerFor}).
   */
  private Optional<ClauseMatcher.Match> answerForSubject(List<String> clause) {
    List<Cue> concerned = cues.stream().filter(c -> c.concerns(clause)).toList();
    // a negator that does not count ("prompting can't bring it down") says the thing was tried,
    // which the examples' vote would miss
    boolean uncounted = clause.stream().filter(NEGATORS::contains).count()
        > java.util.stream.IntStream.range(0, clause.size()).filter(i -> negates(clause, i)).count();
    // a bare mention ("examples", "the prompt") states nothing of it
    return concerned.size() == 1 && !uncounted && clause.size() > 2
        ? matcher.get().answerFor(concerned.get(0).check(), clause)
        : Optional.empty();
  }

  /**
   * The embedding matcher's reading of a clause: the check by meaning; the answer from the
   * clause's polar words ({@link Polarity}: "the data is a mess", "nobody cares how long retraining
   * takes"), else the check's own yes- and no-words ("response time is ok"), else the examples' vote.
   * A clear winner below the matcher's threshold counts only when its answer rests on more than
   * the vote: a polar word, the check's own words, or a negation (the clause's or its nearest
   * example's) read by parity. Such a match finds
   * the check but not the answer, and a wrong verdict is worse than a question.
   */
  private Optional<ClauseMatcher.Match> embedded(List<String> clause) {
    if (clause.size() <= 2 && cues.stream().noneMatch(c -> c.about().anyIn(clause))) {
      // "we dont", "that's it": a fragment without a subject states nothing by itself
      return Optional.empty();
    }
    return matcher.get().match(clause).flatMap(m -> {
      // yes or no from what the clause says of the check (polarity), then the check's own words,
      // and only then from the nearest examples, which tell the check far better than the answer
      AnswerValue byWords = Polarity.answer(m.check(), clause);
      if (byWords == AnswerValue.UNKNOWN) {
        byWords = cues.stream().filter(c -> c.check().equals(m.check())).findFirst()
            .map(c -> c.answer(clause, false)).orElse(AnswerValue.UNKNOWN);
      }
      if (byWords != AnswerValue.UNKNOWN) {
        return Optional.of(new ClauseMatcher.Match(m.check(), byWords, m.similarity(), m.example(), m.byNegation(), true));
      }
      boolean weak = m.similarity() < matcher.get().minSimilarity();
      return weak && !m.byNegation() ? Optional.empty() : Optional.of(m);
    });
  }

  /** A clause's words: lower-case letters and digits. */
  static List<String> words(String normalized) {
    return Arrays.stream(normalized.split("[^a-z0-9]+")).filter(w -> !w.isEmpty()).toList();
  }

  /** True when a negator in the clause is not the negation of an outcome ("RAG didn't help"). */
  static boolean negated(List<String> clause) {
    for (int i = 0; i < clause.size(); i++) {
      if (negates(clause, i)) {
        return true;
      }
    }
    return false;
  }

  /** True when word {@code i} is a negator that counts: not of an outcome, not softening a quantifier. */
  static boolean negates(List<String> clause, int i) {
    return NEGATORS.contains(clause.get(i)) && !Cue.outcomeFollows(clause, i) && !quantifierFollows(clause, i);
  }

  static boolean quantifierFollows(List<String> clause, int negator) {
    return negator + 1 < clause.size() && QUANTIFIERS.contains(clause.get(negator + 1));
  }

  /**
   * The clause without the negators that count ({@link #negates}), for the embedding matcher; the
   * negation of an outcome stays, as it is part of what the clause says ("RAG didn't help").
   */
  static List<String> withoutNegators(List<String> clause) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < clause.size(); i++) {
      if (!negates(clause, i)) {
        out.add(clause.get(i));
      }
    }
    return out;
  }

  static AnswerValue flip(AnswerValue a) {
    return a == AnswerValue.YES ? AnswerValue.NO : a == AnswerValue.NO ? AnswerValue.YES : a;
  }

  /** Lower case, no apostrophes, counts as plain digits, and a few multi-word terms as one word. */
  static String normalize(String text) {
    String s = " " + text.toLowerCase(Locale.ROOT).replace('’', '\'').replace("'", "")
        .replace("w/o ", "without ").replace("w/ ", "with ").replace("can not", "cannot") + " ";
    StringBuilder expanded = new StringBuilder();
    for (String token : s.split("(?<=\\s)|(?=\\s)")) {
      expanded.append(SHORTHAND.getOrDefault(token, token));
    }
    s = expanded.toString();
    s = s.replaceAll("(?<=\\d),(?=\\d{3}\\b)", "");
    // "70% of tickets" is a share, not a count of tickets
    s = s.replaceAll("(\\d+(?:\\.\\d+)?)\\s*(?:%|percent\\b)", " $1 percent ");
    s = scaled(s, "(\\d+(?:\\.\\d+)?)\\s*(?:k|thousand)\\b", 1_000);
    s = scaled(s, "(\\d+(?:\\.\\d+)?)\\s*(?:m|mm|mil|million|millions)\\b", 1_000_000);
    s = s.replaceAll("\\bhundreds of thousands\\b", " 200000 ")
        .replaceAll("\\btens of thousands\\b", " 20000 ")
        .replaceAll("\\b(?:a few|few|several|a couple of|a couple|some) thousand\\b", " 3000 ")
        .replaceAll("\\b(?:a few|few|several|a couple of|a couple|some) hundred\\b", " 300 ")
        .replaceAll("\\ba (?:million)\\b", " 1000000 ")
        .replaceAll("\\b(?:a|one) thousand\\b", " 1000 ")
        .replaceAll("\\b(?:a|one) hundred\\b", " 100 ")
        .replaceAll("\\bmillions\\b", " 2000000 ")
        .replaceAll("\\bthousands\\b", " 2000 ")
        .replaceAll("\\bhundreds\\b", " 200 ")
        .replaceAll("\\bdozens\\b", " 24 ")
        .replaceAll("\\ba dozen\\b", " 12 ");
    s = s.replaceAll("\\bfine[\\s-]?tun\\w*", " finetune ")
        .replaceAll("\\buse[\\s-]?cases?\\b", " usecase ")
        .replaceAll("\\bretrieval[\\s-]augmented(?: generation)?\\b", " rag ")
        .replaceAll("\\bhigh[\\s-]quality\\b", " highquality ")
        // a pain point is a need, not a pain; top notch is excellent
        .replaceAll("\\bpain[\\s-]?points?\\b", " need ")
        .replaceAll("\\btop[\\s-]?notch\\b", " excellent ")
        .replaceAll("\\blow[\\s-]quality\\b", " lowquality ")
        .replaceAll("\\bfew[\\s-]shot\\b", " fewshot ")
        .replaceAll("\\bsystem (?:message|msg)\\b", " system prompt ")
        .replaceAll("\\bcopy[\\s-]?pasted\\b", " copypasted ")
        // "maybe 300 examples" approximates a count; it doesn't hedge the clause
        .replaceAll("\\b(?:maybe|perhaps|about|around|roughly|approx|approximately|like|~)\\s+(?=\\d)", " ")
        .replaceAll("\\bslow(?:ing)? down\\b", " slowdown ")
        .replaceAll("\\b(?:up in the air|in flux)\\b", " unsettled ")
        .replaceAll("\\b(?:making|makes|made|make) (?:stuff |things |it )?up\\b", " hallucinates ")
        // what the model gets wrong or lacks of the team's own facts is the knowledge gap:
        // "it fabricates our return windows", "keeps getting our refund policy wrong", "lacks our chart of accounts"
        .replaceAll("\\bfabricat\\w*", " hallucinates ")
        .replaceAll("\\b(?:gets?|getting|got) (our(?: [a-z]+){1,3}) wrong\\b", " hallucinates $1 ")
        .replaceAll("\\b(?:lacks?|instead of) our\\b", " doesnt know our ")
        // "we'd take monthly model updates over daily prompt tweaks": what is preferred is what is said
        .replaceAll("\\b((?:take|prefer|choose|pick)\\b[^,.;!?]*?)\\s(?:over|rather than)\\s[^,.;!?]*", "$1")
        // a third party's "has no idea about X" is not knowing X, not the writer hedging
        .replaceAll("\\b(?:has|had|have) (?:no|0) (?:idea|clue)\\b", " doesnt know ")
        // the writer knowing something is not what the model knows: "we know 30% are wrong"
        .replaceAll("\\b(we|i) (?:know|knew)\\b", " $1 found ")
        .replaceAll("\\b(?:several|many|a few|multiple|\\d+) times (?:a|per) (?:day|week)\\b|\\bevery day\\b", " daily ");
    return s.replace('-', ' ');
  }

  private static String scaled(String s, String regex, long factor) {
    Matcher m = Pattern.compile(regex).matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      long value = Math.round(Double.parseDouble(m.group(1)) * factor);
      m.appendReplacement(out, " " + value + " ");
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Clauses as word lists. A fragment of one or two words joins its neighbour across "and", "but"
   * or a comma ("latency and cost are fine"), never across the end of a sentence: "use case
   * stable." is a statement of its own. A short label before a colon or question mark ("slow
   * iteration? fine", "data: 800k tagged segments", "RAG? havent gotten to it") joins what follows.
   */
  static List<List<String>> clauses(String normalized) {
    List<List<String>> clauses = new ArrayList<>();
    List<String> pending = List.of();
    boolean afterStop = true;
    Matcher breaks = CLAUSE_BREAK.matcher(normalized);
    int at = 0;
    boolean more = true;
    while (more) {
      more = breaks.find();
      String part = normalized.substring(at, more ? breaks.start() : normalized.length());
      String delimiter = more ? breaks.group() : ".";
      at = more ? breaks.end() : normalized.length();
      boolean stopBefore = afterStop;
      afterStop = SENTENCE_END.matcher(delimiter).find();
      List<String> words = words(part);
      if (words.isEmpty()) {
        afterStop |= stopBefore;
        continue;
      }
      if (words.size() == 2 && words.get(0).equals("not") && DEGREES.contains(words.get(1))) {
        // "RAG helped, but not enough": a qualifier of degree, not a reversal of the clause before
        continue;
      }
      if (pending.isEmpty() && words.size() <= LABEL_MAX && LABEL_END.matcher(delimiter).find()) {
        // "knowledge gap? no", "data: 250k clean labels": the label and its answer are one statement
        pending = words;
        afterStop = false;
      } else if (words.size() == 2 && NEGATORS.contains(words.get(0)) && !DEGREES.contains(words.get(1))
          || words.size() == 2 && NUMBER.matcher(words.get(0)).matches()
          || words.size() == 2 && judgesSubject(words)) {
        // "no rag", "no rush": a negated mention is a statement of its own, not part of its neighbour;
        // so is a count with its unit ("40k labels, but the taggers never agreed") and a judged
        // subject ("great use case, terrible prompt")
        clauses.add(join(pending, words));
        pending = List.of();
      } else if (words.size() <= 2 && stopBefore && delimiter.trim().equals(",")
          && CUES.stream().noneMatch(c -> c.about().anyIn(words))) {
        // "actually no, latency is fine": an aside at a sentence's start stands alone
        clauses.add(join(pending, words));
        pending = List.of();
      } else if (words.size() <= 2 && !clauses.isEmpty() && pending.isEmpty()
          && (!stopBefore || CUES.stream().noneMatch(c -> c.about().anyIn(words)))
          // "... and latency and cost arent a problem": a subject before "and" shares what follows
          && !(delimiter.trim().equals("and") && CUES.stream().anyMatch(c -> c.about().anyIn(words)))) {
        // a short reply without a subject of its own answers the sentence before: "... every change. we dont."
        List<String> joined = new ArrayList<>(clauses.remove(clauses.size() - 1));
        joined.addAll(words);
        clauses.add(joined);
      } else if (words.size() <= 2 && !afterStop) {
        pending = join(pending, words);
      } else {
        clauses.add(join(pending, words));
        pending = List.of();
      }
    }
    if (!pending.isEmpty()) {
      clauses.add(pending);
    }
    return clauses;
  }

  /** True for a polar word and a cue's subject word, in either order: "terrible prompt", "labels clean". */
  private static boolean judgesSubject(List<String> two) {
    return Polarity.polar(two.get(0)) && CUES.stream().anyMatch(c -> c.about().matches(two.get(1)))
        || Polarity.polar(two.get(1)) && CUES.stream().anyMatch(c -> c.about().matches(two.get(0)));
  }

  private static List<String> join(List<String> a, List<String> b) {
    List<String> joined = new ArrayList<>(a);
    joined.addAll(b);
    return joined;
  }

  /** True when the writer hedges ("not sure", "we have no idea if..."). */
  private static boolean hedges(List<String> clause) {
    String text = " " + String.join(" ", clause) + " ";
    return HEDGES.stream().anyMatch(h -> text.contains(" " + h + " "));
  }

  /** A set of words matched with typos allowed; a word written "=word" must match exactly. */
  static final class Words {
    private final Set<String> exact = new java.util.HashSet<>();
    private final List<CharacterRunAutomaton> automata = new ArrayList<>();

    Words(String spaceSeparated) {
      for (String word : spaceSeparated.split("\\s+")) {
        if (word.isEmpty()) {
          continue;
        }
        boolean exact = word.startsWith("=");
        String w = exact ? word.substring(1) : word;
        this.exact.add(w);
        int edits = exact ? 0 : maxEdits(w);
        automata.add(new CharacterRunAutomaton(new LevenshteinAutomata(w, true).toAutomaton(edits)));
      }
    }

    static int maxEdits(String word) {
      return word.length() >= 9 ? 2 : word.length() >= 6 ? 1 : 0;
    }

    boolean matches(String word) {
      for (CharacterRunAutomaton automaton : automata) {
        if (automaton.run(word)) {
          return true;
        }
      }
      return false;
    }

    /** True when the word is in the set as written, no typo allowed. */
    boolean contains(String word) {
      return exact.contains(word);
    }

    boolean anyIn(List<String> words) {
      return words.stream().anyMatch(this::matches);
    }
  }

  /**
   * How one check is stated.
   *
   * @param about words that say the clause is about this check
   * @param yes words that make the answer Yes (before any negation)
   * @param no words that make the answer No (before any negation)
   * @param byDefault the answer when the check is mentioned with neither; null for none
   * @param negatedMention what a negated bare mention means: No for "no RAG", "no labeled data"; Yes for
   *     "it doesn't have our docs" (the knowledge gap); null for nothing
   * @param unless words that mean the clause is about something else ("slower iteration" is not latency)
   * @param notNegators words that are negators elsewhere but mean Yes here ("the model lacks context")
   */
  private record Cue(String check, Words about, Words yes, Words no, AnswerValue byDefault,
      AnswerValue negatedMention, Words unless, Set<String> notNegators) {

    Cue(String check, String about, String yes, String no, AnswerValue byDefault, AnswerValue negatedMention) {
      this(check, about, yes, no, byDefault, negatedMention, "", "");
    }

    Cue(String check, String about, String yes, String no, AnswerValue byDefault, AnswerValue negatedMention,
        String unless, String notNegators) {
      this(check, new Words(about), new Words(yes), new Words(no), byDefault, negatedMention, new Words(unless),
          Set.of(notNegators.isBlank() ? new String[0] : notNegators.split("\\s+")));
    }

    /** True when the clause is about this check. */
    boolean concerns(List<String> clause) {
      return about.anyIn(clause) && !unless.anyIn(clause);
    }

    AnswerValue read(List<String> clause) {
      return concerns(clause) ? answer(clause, true) : AnswerValue.UNKNOWN;
    }

    /**
     * The answer the clause's own words give, for a clause already known to be about this check;
     * {@code fallbacks} allows the default and the negated bare mention.
     */
    AnswerValue answer(List<String> clause, boolean fallbacks) {
      if (check.equals(LARGE_LABELED_DATASET)) {
        Long count = count(clause);
        if (count != null) {
          // "we don't have 10k examples": a negated count is never a large dataset
          return count >= LARGE_DATASET_MIN && !negated(clause) ? AnswerValue.YES : AnswerValue.NO;
        }
      }
      boolean negated = negated(clause);
      AnswerValue stated = null;
      for (int i = 0; i < clause.size(); i++) {
        String word = clause.get(i);
        // An exact match beats a typo match: "inconsistent" is two edits from "consistent".
        if (yes.contains(word) || (!no.contains(word) && yes.matches(word))) {
          stated = AnswerValue.YES;
        } else if (no.matches(word)) {
          stated = AnswerValue.NO;
        } else {
          continue;
        }
        // a negator's scope runs forward ("the first version of the prompt, no rag" doesn't negate
        // "first"), or it follows its auxiliary straight away ("we have not set up retrieval")
        negated = negatedBefore(clause, Math.min(clause.size(), i + 2));
        break;
      }
      if (stated == null) {
        if (!fallbacks) {
          return AnswerValue.UNKNOWN;
        }
        if (negated && negatedMention == AnswerValue.YES && classifiesOut(clause)) {
          // a negated mention states a lack ("it doesn't have our docs"), but "it's not a knowledge
          // thing" says what the problem is not
          return AnswerValue.NO;
        }
        if (negated && negatedMention != null && governedMention(clause)) {
          return negatedMention;
        }
        stated = byDefault;
      }
      if (stated == null) {
        return AnswerValue.UNKNOWN;
      }
      return negated ? flip(stated) : stated;
    }

    /** True for "not a" or "isn't a" before a mention of this check: "it's not a knowledge thing". */
    private boolean classifiesOut(List<String> clause) {
      for (int i = 0; i + 2 < clause.size(); i++) {
        if (COPULAR_NEGATORS.contains(clause.get(i)) && (clause.get(i + 1).equals("a") || clause.get(i + 1).equals("an"))
            && about.matches(clause.get(i + 2))) {
          return true;
        }
      }
      return false;
    }

    /**
     * True when a negator governs a mention of this check ("no labeled data", "haven't tried RAG"),
     * not some other word of the clause ("nobody trusts the labels").
     */
    private boolean governedMention(List<String> clause) {
      for (int i = 0; i < clause.size(); i++) {
        if (!NEGATORS.contains(clause.get(i)) || notNegators.contains(clause.get(i))) {
          continue;
        }
        for (int j = i + 1; j < clause.size(); j++) {
          if (about.matches(clause.get(j))) {
            return true;
          }
          if (!GOVERNED.contains(clause.get(j))) {
            break;
          }
        }
        // "retrieval isn't set up", "our data is not labeled": the mention just before
        if (i > 0 && about.matches(clause.get(i - 1))
            || i > 1 && about.matches(clause.get(i - 2)) && GOVERNED.contains(clause.get(i - 1))) {
          return true;
        }
      }
      return false;
    }

    private boolean negatedBefore(List<String> clause, int end) {
      for (int i = 0; i < end; i++) {
        if (NEGATORS.contains(clause.get(i)) && !notNegators.contains(clause.get(i)) && !outcomeFollows(clause, i)
            && !quantifierFollows(clause, i)) {
          return true;
        }
      }
      return false;
    }

    private boolean negated(List<String> clause) {
      for (int i = 0; i < clause.size(); i++) {
        if (NEGATORS.contains(clause.get(i)) && !notNegators.contains(clause.get(i)) && !outcomeFollows(clause, i)
            && !quantifierFollows(clause, i)) {
          return true;
        }
      }
      return false;
    }

    static boolean outcomeFollows(List<String> clause, int negator) {
      if (DETERMINERS.contains(clause.get(negator))) {
        // "no prompt change has helped", "nothing we tried moved it": the negated subject of an outcome
        for (int i = negator + 1; i < Math.min(clause.size(), negator + 1 + SUBJECT_REACH); i++) {
          if (NEGATORS.contains(clause.get(i))) {
            break;
          }
          // a verb, not a noun: "no prompt change has helped", but "no real work on the prompt"
          if (OUTCOMES.contains(clause.get(i)) && (clause.get(i).endsWith("ed") || AUXILIARIES.contains(clause.get(i - 1)))) {
            return true;
          }
        }
      }
      for (int i = negator + 1; i < clause.size(); i++) {
        String word = clause.get(i);
        if (OUTCOMES.contains(word)) {
          // "haven't worked on it" is effort not spent, not an outcome missed
          return !(i + 1 < clause.size() && clause.get(i + 1).equals("on"));
        }
        if (!FILLERS.contains(word)) {
          return false;
        }
      }
      return false;
    }

    private static boolean rateFollows(List<String> clause, int dataWord) {
      for (int k = dataWord + 1; k <= Math.min(clause.size() - 1, dataWord + 2); k++) {
        if (RATES.contains(clause.get(k))) {
          return true;
        }
      }
      return false;
    }

    /** The largest count that sits within {@value #COUNT_REACH} words before a data word. */
    private Long count(List<String> clause) {
      Long best = null;
      for (int i = 0; i < clause.size(); i++) {
        if (!NUMBER.matcher(clause.get(i)).matches() || clause.get(i).length() > 15
            || i + 1 < clause.size() && clause.get(i + 1).equals("percent")) {
          continue;
        }
        for (int j = i + 1; j <= Math.min(clause.size() - 1, i + LABELLING_REACH); j++) {
          String word = clause.get(j);
          if (NUMBER.matcher(word).matches() || RATES.contains(word)) {
            break;
          }
          if (j <= i + COUNT_REACH && about.matches(word) || LABELLING.contains(word)) {
            if (rateFollows(clause, j)) {
              break;
            }
            long n = Long.parseLong(clause.get(i));
            best = best == null ? n : Math.max(best, n);
            break;
          }
        }
      }
      return best;
    }

  }
}
