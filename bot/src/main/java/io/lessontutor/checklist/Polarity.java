package io.lessontutor.checklist;

import static io.lessontutor.checklist.AnswerValue.NO;
import static io.lessontutor.checklist.AnswerValue.UNKNOWN;
import static io.lessontutor.checklist.AnswerValue.YES;
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

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Yes or No within a check, from what a clause says about it rather than from its nearest example:
 * the embedding matcher finds the check well, but sentence embeddings barely tell "the data is a
 * mess" from "the data has been cleaned carefully". This step runs after the check is chosen.
 *
 * <p>Two small lexicons: <b>evaluative</b> words, good or bad ("solid", "clean", "fine" / "mess",
 * "brutal", "clueless"), and <b>demand</b> words, that something is needed or matters ("need",
 * "must", "cares", "complains", "asked for"). Each check says what a good word and a demand mean
 * for it ({@link #ORIENTATION}): a good word is Yes for "is the data high quality?" but No for "is
 * there a latency or cost problem?"; a demand is Yes for the cost problem ("we care a lot about
 * cost") but No for "can the team live with slower iteration?" ("we need to tweak it on the fly").
 * A negator ({@link Prefill#negates}) flips the first polar word after it ("nobody cares how long
 * retraining takes", "consistent formatting isn't something we need"). Every polar word votes; the
 * majority answers, and a tie (or no polar word) answers nothing, leaving it to the matcher.
 *
 * <p>Stateless and thread-safe.
 */
final class Polarity {

  private static final Set<String> GOOD = Set.of(
      "good", "great", "fine", "ok", "okay", "solid", "clean", "cleaned", "reliable", "accurate", "happy", "love", "loves",
      "loved", "legit", "valuable", "useful", "helpful", "steady", "smooth", "cheap", "fast", "quick", "acceptable",
      "excellent", "perfect", "strong", "trusted", "trustworthy", "correct", "healthy", "affordable", "manageable",
      "negligible", "flexible", "agree", "agreed", "agreement", "loose", "careful", "carefully", "consistent");
  private static final Set<String> BAD = Set.of(
      "bad", "poor", "mess", "messy", "chaos", "chaotic", "garbage", "junk", "noisy", "dirty", "wrong", "broken",
      "useless", "pointless", "brutal", "painful", "pain", "killing", "kills", "kill", "wreck", "wrecks", "hurt", "hurts",
      "hurting", "terrible", "awful", "slow", "sluggish", "expensive", "pricey", "costly", "unreliable", "inconsistent",
      "sloppy", "shaky", "vague", "fuzzy", "meh", "rough", "rushed", "hurry", "clueless", "guesses", "guessing",
      "confused", "struggles", "struggling", "fails", "failing", "worse", "worst", "unhappy", "horrible", "nightmare",
      "gimmick", "disagree", "disagreement", "disagreements", "error", "errors", "sucks", "bloated");
  private static final Set<String> DEMAND = Set.of(
      "need", "needs", "needed", "must", "require", "requires", "required", "requirement",
      "ask", "asks", "asked", "asking", "requested", "request", "begs", "begging", "care", "cares", "worry", "worried",
      "worries", "concern", "concerned", "matter", "matters", "bother", "bothers", "mind", "minds", "complain",
      "complains", "complaining", "complaints", "critical", "important", "essential", "rely", "relies", "depend",
      "depends");

  /** What a good word and a demand mean for each check; UNKNOWN where they mean nothing for it. */
  private record Orientation(AnswerValue good, AnswerValue demand, Set<String> subject) {}

  private static final Map<String, Orientation> ORIENTATION = Map.of(
      USE_CASE_SOUND, new Orientation(YES, YES, Set.of()),
      PROMPTING_PUSHED, new Orientation(YES, UNKNOWN, Set.of()),
      KNOWLEDGE_GAP, new Orientation(NO, YES, Set.of()),
      // "RAG works" and "RAG was useless" both say it was tried
      RAG_TRIED, new Orientation(UNKNOWN, NO, Set.of()),
      USE_CASE_STABLE, new Orientation(YES, UNKNOWN, Set.of()),
      // size, not worth: "tiny" is the cue's own word, a good dataset says nothing of its size
      LARGE_LABELED_DATASET, new Orientation(UNKNOWN, NO, Set.of()),
      // labels done fast and cheap are not thereby good ones
      DATA_HIGH_QUALITY, new Orientation(YES, UNKNOWN, Set.of("fast", "quick", "cheap", "affordable", "slow", "expensive")),
      LATENCY_OR_COST_PROBLEM, new Orientation(NO, YES, Set.of()),
      FORMAT_AT_VOLUME, new Orientation(NO, YES, Set.of("consistent", "inconsistent")),
      // speed is what this check is about, not a judgement: "slower iteration is fine"
      SLOWER_ITERATION_OK, new Orientation(YES, NO, Set.of("slow", "fast", "quick", "hurry")));

  private Polarity() {}

  /** The answer the clause's polar words give the check, or UNKNOWN when they are absent or tied. */
  static AnswerValue answer(String check, List<String> clause) {
    return vote(check, clause, true);
  }

  /** The majority of the clause's polar words; demand words count only with {@code demands}. */
  private static AnswerValue vote(String check, List<String> clause, boolean demands) {
    Orientation o = ORIENTATION.get(check);
    if (o == null) {
      return UNKNOWN;
    }
    int yes = 0;
    int no = 0;
    boolean pendingNegation = false;
    for (int i = 0; i < clause.size(); i++) {
      String word = clause.get(i);
      if (Prefill.negates(clause, i)) {
        pendingNegation = true;
        continue;
      }
      if (o.subject().contains(word)) {
        continue;
      }
      AnswerValue vote = GOOD.contains(word) ? o.good()
          : BAD.contains(word) ? Prefill.flip(o.good())
          : demands && (DEMAND.contains(word) || hasTo(clause, i)) ? o.demand() : null;
      if (vote == null) {
        continue;
      }
      if (pendingNegation) {
        vote = Prefill.flip(vote);
        pendingNegation = false;
      }
      if (vote == YES) {
        yes++;
      } else if (vote == NO) {
        no++;
      }
    }
    return yes > no ? YES : no > yes ? NO : UNKNOWN;
  }

  /**
   * The answer a judgement of a cue's subject gives the check ("great use case", "terrible prompt",
   * "the vendor's labels were awful"): as {@link #answer}, except for the stability of the use case,
   * which shares the subject "use case" with its soundness: a great use case is not a settled one.
   */
  static AnswerValue judgement(String check, List<String> clause) {
    return check.equals(USE_CASE_STABLE) ? UNKNOWN : vote(check, clause, false);
  }

  /** True for a good or a bad word. */
  static boolean polar(String word) {
    return GOOD.contains(word) || BAD.contains(word);
  }

  /** "has to", "have to", "had to": a demand. */
  private static boolean hasTo(List<String> clause, int i) {
    String w = clause.get(i);
    return (w.equals("has") || w.equals("have") || w.equals("had") || w.equals("got"))
        && i + 1 < clause.size() && clause.get(i + 1).equals("to");
  }
}
