package io.lessontutor.answer;

import io.lessontutor.knowledge.Passage;
import io.lessontutor.search.Vocabulary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The direct answer a yes/no or either/or question opens with ("No —", "Usually not —", "Yes —",
 * "LoRA —"), read from what an approved passage claims and matched to what the question asks.
 *
 * <p>A passage's text is cut into clauses; a clause's polarity comes from its own words: a
 * negation near its start ("Fine-tuning can't make…") says no, "rarely" says usually not, a term
 * that sits after "before" or "rather than" is the one to wait with or to avoid. A yes/no
 * question gets a stance only when one clause holds nearly all of the question's content words
 * and no clause of another polarity matches it as well; a question with its own negation gets
 * none. Where the match is unsure there is no stance: a wrong "No" is worse than none.
 *
 * @param label the stance in lower case ("yes", "no", "usually-not", or the option chosen, "lora")
 * @param opener how the answer opens ("No", "Usually not", "LoRA")
 */
public record Stance(String label, String opener) {

  /** The share of a yes/no question's content words one clause must hold to decide its stance: all of them, since a
   * word the clause lacks may be the very predicate asked about ("does data quality matter?" is not "can't substitute for"). */
  static final double MIN_MATCH = 1.0;
  /** A negation counts as the clause's own only within its first words ("Fine-tuning can't…"). */
  static final int NEGATION_WINDOW = 4;
  /** What separates an answer's stance from the lesson's reason. */
  public static final String SEPARATOR = " — ";

  static final Stance YES = new Stance("yes", "Yes");
  static final Stance OFTEN = new Stance("yes", "Often, yes");
  static final Stance NO = new Stance("no", "No");
  static final Stance USUALLY_NOT = new Stance("usually-not", "Usually not");

  private static final Pattern YES_NO = Pattern.compile(
      "^(is|are|do|does|did|can|could|should|shall|would|will|was|were|has|have|am|isn't|aren't|doesn't|don't)\\b.*"
          + "|.*\\b(right|good idea|worth it|or not|yes or no|true)\\s*$");
  private static final Pattern NEGATED_QUESTION = Pattern.compile(
      "\\b(not|no|never|n't|cannot|cant|dont|doesnt|isnt|wont|without)\\b|n't\\b");
  private static final Pattern CLAUSE_NEGATION = Pattern.compile(
      "^(not|no|never|cannot|can't|doesn't|don't|won't|isn't|aren't)$");
  private static final Pattern RARELY = Pattern.compile("^(rarely|seldom)$");
  private static final Pattern OFTEN_WORD = Pattern.compile("^(often|usually|mostly)$");
  /** "X rather than Y", "X before Y", "X instead of Y": Y is what to wait with or avoid. */
  private static final Pattern DISPREFERRED = Pattern.compile("\\b(rather than|before|instead of)\\b");
  private static final Pattern EITHER_OR = Pattern.compile(
      "(?:^|[,:]\\s*|\\b(?:which|what)\\b.*?\\b)([\\w\\-]+(?:\\s+[\\w\\-]+)?)\\s+(?:or|vs\\.?|versus)\\s+(?:an?\\s+|the\\s+)?([\\w\\-]+(?:\\s+[\\w\\-]+)?)");
  private static final Pattern OPENING = Pattern.compile("^([^—\\n]{1,24})" + SEPARATOR);

  /** The stance the answer text opens with, if any. */
  public static Optional<Stance> opening(String text) {
    Matcher m = OPENING.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    String opener = m.group(1).strip();
    String label = switch (opener.toLowerCase(Locale.ROOT)) {
      case "yes", "often, yes" -> "yes";
      case "no" -> "no";
      case "usually not" -> "usually-not";
      default -> opener.toLowerCase(Locale.ROOT);
    };
    return Optional.of(new Stance(label, opener));
  }

  /** The stance the approved passages support for the question, or empty when unsure. */
  static Optional<Stance> decide(String question, List<Passage> approved, Vocabulary vocabulary) {
    String q = question.strip().toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("[?!.]+$", "").strip();
    Optional<Stance> choice = eitherOr(q, approved, vocabulary);
    if (choice.isPresent() || EITHER_OR.matcher(q).find() && !YES_NO.matcher(q).matches()) {
      return choice;
    }
    if (!YES_NO.matcher(q).matches() || NEGATED_QUESTION.matcher(q).find()) {
      return Optional.empty();
    }
    Set<String> asked = new HashSet<>(vocabulary.topicTerms(q));
    asked.removeIf(Vocabulary::isChatWord);
    if (asked.size() < 2) {
      return Optional.empty();
    }
    Stance best = null;
    double bestMatch = 0;
    double rivalMatch = 0;
    for (Passage p : approved) {
      for (Clause c : clauses(p.meaning(), vocabulary)) {
        double match = c.match(asked);
        Stance s = c.polarity(asked);
        if (match > bestMatch) {
          if (best != null && !best.label().equals(s.label())) {
            rivalMatch = Math.max(rivalMatch, bestMatch);
          }
          best = s;
          bestMatch = match;
        } else if (best != null && !best.label().equals(s.label())) {
          rivalMatch = Math.max(rivalMatch, match);
        }
      }
    }
    return best != null && bestMatch >= MIN_MATCH && rivalMatch < bestMatch ? Optional.of(best) : Optional.empty();
  }

  /** "LoRA or a full fine-tune?": the option the lesson prefers, when one passage ranks the two. */
  private static Optional<Stance> eitherOr(String q, List<Passage> approved, Vocabulary vocabulary) {
    Matcher m = EITHER_OR.matcher(q);
    if (!m.find()) {
      return Optional.empty();
    }
    List<String> a = vocabulary.topicTerms(m.group(1));
    List<String> b = vocabulary.topicTerms(m.group(2));
    if (a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    for (Passage p : approved) {
      String text = p.meaning();
      Matcher split = DISPREFERRED.matcher(text.toLowerCase(Locale.ROOT));
      if (!split.find()) {
        continue;
      }
      String preferredText = text.substring(0, split.start());
      List<String> preferred = vocabulary.topicTerms(preferredText);
      List<String> avoided = vocabulary.topicTerms(text.substring(split.end()));
      boolean aFirst = preferred.containsAll(a) && avoided.containsAll(b) && !preferred.containsAll(b);
      boolean bFirst = preferred.containsAll(b) && avoided.containsAll(a) && !preferred.containsAll(a);
      if (aFirst != bFirst) {
        List<String> chosen = aFirst ? a : b;
        return lessonWord(preferredText, chosen.get(chosen.size() - 1), vocabulary).map(w -> new Stance(w.toLowerCase(Locale.ROOT), w));
      }
    }
    return Optional.empty();
  }

  /** The lesson's own spelling of the word whose stem is {@code term} ("LoRA" for "lora"). */
  private static Optional<String> lessonWord(String text, String term, Vocabulary vocabulary) {
    for (String word : text.split("[^\\p{L}\\p{N}\\-]+")) {
      if (!word.isEmpty() && vocabulary.topicTerms(word).contains(term)) {
        String w = word.replaceAll("-(?=\\p{L}).*$", "");
        return Optional.of(Character.toUpperCase(w.charAt(0)) + w.substring(1));
      }
    }
    return Optional.empty();
  }

  /** One clause of a passage: its content terms, and which of them sit where the lesson says "not yet" or "not this". */
  private record Clause(List<String> terms, Set<String> preferred, Set<String> dispreferred, Stance own) {
    double match(Set<String> asked) {
      return (double) asked.stream().filter(terms::contains).count() / asked.size();
    }

    /** "Should most teams fine-tune?" against "most teams should exhaust prompting before considering fine-tuning": usually not. */
    Stance polarity(Set<String> asked) {
      boolean askedAboutAvoided = asked.stream().anyMatch(dispreferred::contains)
          && asked.stream().noneMatch(preferred::contains);
      return askedAboutAvoided ? USUALLY_NOT : own;
    }
  }

  /** A passage's clauses, read once per vocabulary: passages never change while the tutor runs. */
  private static final java.util.Map<Vocabulary, java.util.Map<String, List<Clause>>> CLAUSES =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static List<Clause> clauses(String text, Vocabulary vocabulary) {
    return CLAUSES.computeIfAbsent(vocabulary, v -> new java.util.concurrent.ConcurrentHashMap<>())
        .computeIfAbsent(text, t -> readClauses(t, vocabulary));
  }

  private static List<Clause> readClauses(String text, Vocabulary vocabulary) {
    List<Clause> out = new ArrayList<>();
    String subject = null;
    for (String raw : text.split("\\s*(?:[.;:]\\s+|\\s[—–-]\\s)\\s*")) {
      String clause = raw.strip();
      if (clause.isEmpty()) {
        continue;
      }
      String[] words = clause.toLowerCase(Locale.ROOT).replace('’', '\'').split("[^\\p{L}'\\-]+");
      List<String> terms = new ArrayList<>(vocabulary.topicTerms(clause));
      if (words.length > 0 && words[0].equals("it") && subject != null) {
        terms.add(0, subject);
      } else if (!terms.isEmpty()) {
        subject = terms.get(0);
      }
      Stance own = YES;
      for (int i = 0; i < Math.min(NEGATION_WINDOW, words.length); i++) {
        if (CLAUSE_NEGATION.matcher(words[i]).matches()) {
          own = NO;
        } else if (RARELY.matcher(words[i]).matches()) {
          own = USUALLY_NOT;
        } else if (OFTEN_WORD.matcher(words[i]).matches() && own == YES) {
          own = OFTEN;
        }
      }
      Set<String> preferred = new HashSet<>();
      Set<String> dispreferred = new HashSet<>();
      Matcher split = DISPREFERRED.matcher(clause.toLowerCase(Locale.ROOT));
      if (split.find()) {
        // the clause's first term is its subject ("most teams"), which neither part claims
        List<String> before = vocabulary.topicTerms(clause.substring(0, split.start()));
        preferred.addAll(before.subList(Math.min(1, before.size()), before.size()));
        dispreferred.addAll(vocabulary.topicTerms(clause.substring(split.end())));
        dispreferred.removeAll(before);
      }
      out.add(new Clause(List.copyOf(terms), Set.copyOf(preferred), Set.copyOf(dispreferred), own));
    }
    return out;
  }
}
