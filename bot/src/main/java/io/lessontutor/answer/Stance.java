package io.lessontutor.answer;

import io.lessontutor.knowledge.Claim;
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
 * <p>A yes/no question is matched to the {@link Claim}s of the approved passages: the short
 * propositions the knowledge file lists under each passage with their polarity ("no: fine-tuning
 * bad use case"), each checked at start-up to use only the passage's own words. The question's
 * negation flips the claim's polarity; a question that doubts ("is it a mistake to…") in words
 * the claim lacks gets none. An either/or question gets the option a passage puts before "rather
 * than" or "before". Where the match is unsure there is no stance: a wrong "No" is worse than none.
 *
 * @param label the stance in lower case ("yes", "no", "usually-not", or the option chosen, "lora")
 * @param opener how the answer opens ("No", "Usually not", "LoRA")
 */
public record Stance(String label, String opener) {

  /** What separates an answer's stance from the lesson's reason. */
  public static final String SEPARATOR = " — ";

  static final Stance YES = new Stance("yes", "Yes");
  static final Stance NO = new Stance("no", "No");
  static final Stance USUALLY_NOT = new Stance("usually-not", "Usually not");

  private static final Pattern YES_NO = Pattern.compile(
      "^(is|are|r|do|does|did|can|could|should|shall|would|will|was|were|has|have|am|isn't|aren't|doesn't|don't)\\b.*"
          + "|.*\\b(right|good idea|worth it|or not|yes or no|true)\\s*$");
  /** A word that negates a question when it comes after its first word. */
  private static final Pattern QUESTION_NEGATION = Pattern.compile(
      "^(not|no|nothing|none|never|neither|nor|cannot|cant|can't|dont|don't|doesnt|doesn't|isnt|isn't|wont|won't|aren't|arent|without|n't)$");
  /** Words that ask whether something is a mistake: unless the claim holds them, its polarity would answer the opposite question. */
  private static final Pattern DOUBTING = Pattern.compile(
      "\\b(bad|wrong|mistake|problem|risk|risky|overkill|waste|harm|harmful|hurt|worse|worst|avoid|skip|stop|overrated|dumb|stupid|pointless|premature|downside|downsides|irrelevant|unimportant|useless|unnecessary|optional|overhyped|myth|false|untrue|exaggerated)\\b");
  /** How people ask for a verdict ("good idea?", "worth it?", "recommended?"): the frame of the question, not what it asks about. */
  private static final Pattern FRAME = Pattern.compile(
      "\\b(a good idea|good idea|worth it|worth doing|the right call|a good call|the way to go|recommended|advisable|make sense"
          + "|makes sense|or not|or nah|yes or no|right|ok|okay|matter|matters|important)\\b");
  /** Where one clause of a question ends and another begins. */
  private static final Pattern CLAUSE_BREAK = Pattern.compile("[,.;:]\\s|\\s(and|but|so|because)\\s");
  /** "X rather than Y", "X before Y", "X instead of Y": Y is what to wait with or avoid. */
  private static final Pattern DISPREFERRED = Pattern.compile("\\b(rather than|before|instead of)\\b");
  /** "LoRA or a full fine-tune", "should we fine-tune or just prompt", "ft vs prompt": a word or two either side of "or". */
  private static final Pattern EITHER_OR = Pattern.compile(
      "([\\w\\-]+(?:\\s+[\\w\\-]+)?)\\s+(?:or|vs\\.?|versus)\\s+(?:just\\s+|simply\\s+|only\\s+)?(?:an?\\s+|the\\s+|some\\s+|something\\s+)?"
          + "([\\w\\-]+(?:\\s+[\\w\\-]+)?)");
  /** Where a question offers a choice of two: see {@link #options(String, Vocabulary, boolean)}. */
  private static final Pattern OFFERED = Pattern.compile(
      "(?:^|[,:;]\\s*|\\b(?:which|what)\\b.*?\\b|^(?:should|shall|do|can|could|would|will)\\s+(?:we|i|you)\\s+(?:[\\w\\-]+\\s+){0,3}?)"
          + EITHER_OR.pattern());
  /** "RAG before ft or ft before RAG": which of two comes first. */
  private static final Pattern WHICH_ORDER = Pattern.compile("^(.+?)\\s+(before|after)\\s+(.+?)\\s+or\\s+\\3\\s+\\2\\s+\\1$");

  /** The two options of an either/or question, as typed and as terms. */
  private record Options(List<String> a, List<String> b, List<String> named) { }

  /**
   * The options of an either/or question: a word or two either side of its "or", each one term of
   * the lessons' vocabulary when the words allow ("should we fine-tune or just prompt first?" offers
   * fine-tuning and prompting), else what the two words name. Null when it offers no two things.
   */
  private static Options options(String q, Vocabulary vocabulary) {
    return options(q, vocabulary, true);
  }

  /**
   * As {@link #options(String, Vocabulary)}; when {@code offered}, only where a question offers a
   * choice: at its start ("lora or full ft?"), after a comma or colon ("which first, prompting or
   * RAG?"), after "which" or "what", or after "should we" and a word or three ("should we fine-tune
   * or just prompt first?"). Else any "or" of the asking sentence ("a lot or just a little").
   */
  private static Options options(String q, Vocabulary vocabulary, boolean offered) {
    // "we haven't tried RAG or even a proper prompt yet. what would the framework say?": an "or" in
    // the situation told before the last sentence offers nothing; only the sentence that asks can
    String[] sentences = SENTENCES.split(q);
    String asking = sentences[sentences.length - 1].replaceFirst("^[^\\p{L}\\p{N}]+", "");
    Matcher m = (offered ? OFFERED : EITHER_OR).matcher(asking);
    if (!m.find()) {
      return null;
    }
    String[] before = m.group(1).split("\\s+");
    String[] after = m.group(2).split("\\s+");
    List<String> a2 = terms(m.group(1), vocabulary);
    List<String> b2 = terms(m.group(2), vocabulary);
    List<String> named = new ArrayList<>(a2);
    named.addAll(b2);
    // each side one term where its words allow: "fine tune" is one, "parameter efficient" names its first
    List<String> a = a2.size() == 1 ? a2 : terms(before[before.length - 1], vocabulary);
    List<String> b = b2.size() == 1 ? b2 : terms(after[0], vocabulary);
    if (a.size() != 1 || b.size() != 1 || a.equals(b)) {
      a = a2;
      b = b2;
    }
    return a.isEmpty() || b.isEmpty() ? null : new Options(a, b, named);
  }

  private static final Pattern SENTENCES = Pattern.compile("(?<=[.?!])\\s+");
  /** A question word that asks for something other than a choice ("when", "why", "how", "what does…"). */
  private static final Pattern ASKS_OTHER_THAN_WHICH = Pattern.compile("^(?:when|why|how|where|who|whose|what)\\b(?!.*\\bwhich\\b)");
  /** "What should we try first, prompting or RAG?": the choice offered in a clause of its own. */
  private static final Pattern LAST_CLAUSE_CHOICE = Pattern.compile("[,:;—–]\\s*[\\w\\-]+(?:\\s+[\\w\\-]+)?\\s+(?:or|vs\\.?|versus)\\s+\\S+(?:\\s+\\S+){0,2}$");
  /** Words (as terms) that ask which of two to choose, not what either is like. */
  private static final Pattern CHOOSING = Pattern.compile(
      "^(vs|versus|better|best|prefer\\w*|use|pick|choos\\w*|recommend\\w*|go|way|option|approach|method|rather|instead|should|do|try)$");
  /** Words that ask which of two comes first: only then does "X before Y" rank them. */
  private static final Pattern ORDER = Pattern.compile("\\b(first|start|starting|begin|before|after|order|earlier|then|next|second)\\b");

  private static List<String> terms(String words, Vocabulary vocabulary) {
    return vocabulary.topicTerms(words).stream().filter(t -> !vocabulary.isChatTerm(t)).toList();
  }
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
    return decide(question, null, approved, vocabulary);
  }

  /**
   * As {@link #decide(String, List, Vocabulary)}, for a follow-up that points back ("is that
   * expensive?"): {@code referent}, the message before it, may supply the claim's subject.
   */
  static Optional<Stance> decide(String question, String referent, List<Passage> approved, Vocabulary vocabulary) {
    return decide(question, referent, approved, vocabulary, List.of());
  }

  /**
   * As {@link #decide(String, String, List, Vocabulary)}; {@code concepts} are the terms of the
   * lessons' glossary names ("full fine-tuning"): a question that only names one ("full
   * fine-tuning?", "peft?") asks what it is, not whether a claim about it holds.
   */
  static Optional<Stance> decide(String question, String referent, List<Passage> approved, Vocabulary vocabulary,
                                 List<List<String>> concepts) {
    String asked = question.strip().toLowerCase(Locale.ROOT).replace('’', '\'');
    String q = LEAD.matcher(asked.replaceAll("[?!.]+$", "").strip()).replaceFirst("");
    Matcher order = WHICH_ORDER.matcher(q);
    if (order.matches()) {
      // "rag before ft or ft before rag" asks which comes first
      q = order.group(1) + " or " + order.group(3) + " first";
    }
    // "when should we use lora or full fine-tuning?" asks when, not which: only a question that
    // offers the choice itself gets an option ("which…", "should we X or Y", "X vs Y?", "…, X or Y?")
    boolean offersChoice = !ASKS_OTHER_THAN_WHICH.matcher(q).find() || LAST_CLAUSE_CHOICE.matcher(q).find();
    Optional<Stance> choice = offersChoice ? eitherOr(q, approved, vocabulary, concepts) : Optional.empty();
    if (choice.isEmpty() && offersChoice) {
      choice = eitherOrFromClaims(q, approved, vocabulary);
    }
    // "is prompting slow to iterate on compared to ft": what it is compared with is not what is asked of it
    String compared = COMPARED_WITH.matcher(q).replaceFirst("");
    if (!compared.isBlank() && YES_NO.matcher(q).matches()) {
      q = compared;
    }
    boolean whole = YES_NO.matcher(q).matches();
    String last = lastClause(q);
    Matcher conditional = CONDITIONAL.matcher(q);
    if (!whole && last.equals(q) && conditional.matches()) {
      // "if our training data is garbage can fine-tuning make up for it": the question after its condition
      last = conditional.group(1);
    }
    boolean inLastClause = !whole && !last.equals(q) && YES_NO.matcher(last).matches();
    boolean declarative = !whole && !inLastClause && asked.endsWith("?") && !WH.matcher(q).find()
        && !EITHER_OR.matcher(q).find() && !NOT_A_CLAIM.matcher(q).find() && saysSomethingOf(q, vocabulary, concepts);
    if (choice.isPresent() || EITHER_OR.matcher(q).find() && !whole && !inLastClause && !declarative) {
      return choice;
    }
    if (whole && offersOtherChoice(q, vocabulary)) {
      // "does ft slow down iteration a lot or just a little": a choice between degrees, not a yes or a no
      return Optional.empty();
    }
    if (!whole && !inLastClause && !declarative) {
      return Optional.empty();
    }
    if (inLastClause && POINTER.matcher(last).find()) {
      // "we have 200 examples, is that a large labeled dataset?": "that" is the clauses before, so the
      // claim must be what they say; a claim found in the pointing clause would judge their situation
      String before = q.substring(0, q.length() - last.length());
      return fromClaims(q, before, true, referent, approved, vocabulary, concepts);
    }
    return fromClaims(q, null, false, referent, approved, vocabulary, concepts);
  }

  /**
   * True when an elliptic question says something of its subject ("fine-tuning cheap?"): at least
   * two words that are not chat, and more than the name of one concept.
   */
  private static boolean saysSomethingOf(String q, Vocabulary vocabulary, List<List<String>> concepts) {
    long words = java.util.Arrays.stream(q.split("[^\\p{L}\\p{N}'\\-]+"))
        .filter(w -> !w.isEmpty() && !Vocabulary.isChatWord(w) && !vocabulary.contentTerms(w).isEmpty()).count();
    List<String> terms = vocabulary.topicTerms(q).stream().filter(t -> !Vocabulary.isChatWord(t)).distinct().toList();
    return words >= 2 && concepts.stream().noneMatch(c -> c.containsAll(terms));
  }

  /**
   * True when a yes/no question offers a choice of its own ("a lot or just a little"), not the
   * frame "or not" / "or nah": its yes or no would answer neither option.
   */
  private static boolean offersOtherChoice(String q, Vocabulary vocabulary) {
    return options(FRAME.matcher(q).replaceAll(" ").replaceAll("\\s+", " ").strip(), vocabulary, false) != null;
  }

  /** "… compared to ft", "… than fine-tuning": what a yes/no question compares its subject with. */
  private static final Pattern COMPARED_WITH = Pattern.compile("\\s+(?:compared (?:to|with)|relative to|(?<!rather )than)\\s+.*$");
  /** "If our data is bad can fine-tuning fix it": a condition, then the yes/no question (its last auxiliary on). */
  private static final Pattern CONDITIONAL = Pattern.compile(
      "^(?:if|when|once|since|given|assuming)\\b.*\\s((?:can|could|should|will|would|does|do|is|are)\\s.+)$");

  /** "Is that…", "does it…": a question about what was said before it. */
  private static final Pattern POINTER = Pattern.compile("^\\S+\\s+(?:that|it|this|those|these)\\b");
  /**
   * An elliptic question that asks for a lesson or carries on the last one ("any lesson on style?",
   * "and full fine-tuning?") does not ask whether a claim holds.
   */
  private static final Pattern NOT_A_CLAIM = Pattern.compile(
      "^(?:and|or|but|plus|what about|how about|any|anything|something|some|more|other)\\b|\\blessons?\\b");

  /**
   * The last clause of a question: in "our use case is kinda bad, will a fine-tune fix it?" the
   * question is the clause after the comma; the words before it are what it is about.
   */
  private static String lastClause(String q) {
    String[] clauses = CLAUSES.split(q);
    return clauses.length == 0 ? q : clauses[clauses.length - 1].strip();
  }

  /** Chat openers that ask nothing themselves: "so", "ok so", "honestly", "quick q:". */
  private static final Pattern LEAD = Pattern.compile(
      "^(?:(?:so|ok|okay|hey|hi|honestly|quick q(?:uestion)?|q|btw|also|sorry|hmm+|um+|well|tbh|imo|imho|ngl|fwiw|lol)\\b[,:]?\\s*)+",
      Pattern.CASE_INSENSITIVE);

  /**
   * The message without the chat words it opens with ("quick q:", "ok so"), which ask nothing: read
   * through the thesaurus, "quick q" would ask whether something is "not slow".
   */
  static String withoutChatLead(String message) {
    String stripped = message.stripLeading();
    Matcher m = LEAD.matcher(stripped);
    return m.lookingAt() && m.end() < stripped.length() ? stripped.substring(m.end()) : message;
  }
  /** Where a question's clauses part: commas, semicolons, colons, dashes, full stops. */
  private static final Pattern CLAUSES = Pattern.compile("\\s*(?:[,;:—–]|\\s-\\s|\\.\\s)\\s*");
  /**
   * A question opening with a question word asks for more than yes or no; one that opens otherwise
   * and ends with a question mark ("fine-tuning cheap?", "we should start with prompts?") asks
   * whether what it says is so.
   */
  private static final Pattern WH = Pattern.compile("^(?:what|which|who|whom|whose|when|where|why|how)\\b");

  /**
   * The stance of the claim of an approved passage that the question asks: every content term of
   * the claim is in the question, and the question holds at most {@value #MAX_EXTRA_TERMS} term of
   * the lessons' vocabulary the claim lacks (an extra lesson term may be the very predicate asked
   * about). The most specific matching claims decide; if they disagree, the ones whose terms come in
   * the question's own order ("is prompting faster than fine-tuning?": prompting is the subject)
   * decide; if those disagree too, there is no stance. A question negated after its first word
   * ("does fine-tuning not fix bad data?") flips a yes or a no; a leading "isn't" or "doesn't" asks
   * for confirmation and flips nothing; a negated question of several clauses gets no stance, since
   * its negation may belong to another clause ("prompts can't fix latency, should we fine-tune?").
   */
  static Optional<Stance> fromClaims(String q, String referent, List<Passage> approved, Vocabulary vocabulary) {
    return fromClaims(q, null, false, referent, approved, vocabulary, List.of());
  }

  /**
   * As {@link #fromClaims(String, String, List, Vocabulary)}; when {@code pointed}, only a claim
   * whose every term is in {@code pointedAt} (what "is that…?" points at) may decide.
   */
  static Optional<Stance> fromClaims(String q, String pointedAt, boolean pointed, String referent, List<Passage> approved,
                                     Vocabulary vocabulary, List<List<String>> concepts) {
    List<String> pointedTerms = pointed ? vocabulary.topicTerms(pointedAt) : List.of();
    // "good idea or not?" frames the question; its "not" negates nothing
    q = FRAME.matcher(q).replaceAll(" ").replaceAll("\\s+", " ").strip();
    List<String> own = new ArrayList<>(vocabulary.topicTerms(q));
    own.removeIf(vocabulary::isChatTerm);
    if (own.isEmpty()) {
      return Optional.empty();
    }
    List<String> asked = new ArrayList<>(own);
    if (referent != null) {
      asked.addAll(vocabulary.topicTerms(referent));
    }
    // "is PEFT recommended?" names "parameter-efficient": the search's synonyms for names say what else a question names
    Set<String> named = new HashSet<>(asked);
    named.addAll(vocabulary.termsWithNameSynonyms(q));
    if (referent != null) {
      named.addAll(vocabulary.termsWithNameSynonyms(referent));
    }
    String[] words = q.split("[^\\p{L}'\\-]+");
    boolean negated = false;
    for (int i = words.length > 0 && words[0].isEmpty() ? 1 : 0, first = i; i < words.length; i++) {
      if (i > first && QUESTION_NEGATION.matcher(words[i]).matches()) {
        negated = true;
      }
    }
    if (negated && CLAUSE_BREAK.matcher(q).find()) {
      return Optional.empty();
    }
    // what the question is about: its first term that names a concept of the lessons or that a claim
    // is about ("is prompting slow to iterate on compared to ft?" asks of prompting, not fine-tuning);
    // a claim about something else does not answer it
    Set<String> about = new HashSet<>();
    concepts.forEach(about::addAll);
    approved.forEach(p -> p.claims().forEach(c -> claimTerms(c, vocabulary).stream().findFirst().ifPresent(about::add)));
    String subject = own.stream().filter(about::contains).findFirst().orElse(null);
    Set<String> doubts = new HashSet<>();
    Matcher doubt = DOUBTING.matcher(q);
    while (doubt.find()) {
      doubts.addAll(vocabulary.contentTerms(doubt.group()));
    }
    int bestSize = 0;
    List<Matched> best = new ArrayList<>();
    for (Passage p : approved) {
      for (Claim c : p.claims()) {
        List<String> terms = claimTerms(c, vocabulary);
        Set<String> said = claimSynonyms(c, vocabulary);
        if (terms.isEmpty() || !named.containsAll(terms) || !said.containsAll(doubts) || pointed && !pointedTerms.containsAll(terms)
            || referent == null && !pointed && subject != null && !said.contains(subject)
            || referent != null && (!said.containsAll(own.stream().filter(vocabulary::knows).toList()) || terms.stream().noneMatch(own::contains))) {
          continue;
        }
        long extra = own.stream().filter(t -> !said.contains(t) && vocabulary.knows(t)).distinct().count();
        if (extra > MAX_EXTRA_TERMS || terms.size() == 1 && extra > 0) {
          continue;
        }
        Matched m = new Matched(c, inOrder(asked, terms));
        int size = terms.size();
        if (size > bestSize) {
          bestSize = size;
          best.clear();
        }
        if (size == bestSize) {
          best.add(m);
        }
      }
    }
    Optional<String> label = agreed(best);
    if (label.isEmpty()) {
      label = agreed(best.stream().filter(Matched::inOrder).toList());
    }
    if (label.isEmpty()) {
      return Optional.empty();
    }
    Stance stance = switch (label.get()) {
      case "yes" -> negated ? NO : YES;
      case "no" -> negated ? YES : NO;
      default -> negated ? null : USUALLY_NOT;
    };
    return Optional.ofNullable(stance);
  }

  /**
   * "Which is faster to iterate on, prompting or fine-tuning?": the option a "yes" claim of an
   * approved passage says it of (every claim term in the question, the option among them, and at
   * least one of what is asked of the options), when the other option has no such claim or a "no"
   * one. A negated question, or one whose options both or neither have a "yes", gets none.
   */
  private static Optional<Stance> eitherOrFromClaims(String q, List<Passage> approved, Vocabulary vocabulary) {
    Options options = options(q, vocabulary);
    // "which is not slow, prompting or fine-tuning?" (how "which is faster" reads): the option the lesson says is not slow
    int negations = negations(q);
    boolean not = negations == 1 && q.matches(".*\\bnot\\b.*");
    if (options == null || negations > 0 && !not) {
      return Optional.empty();
    }
    List<String> a = options.a();
    List<String> b = options.b();
    List<String> asked = vocabulary.topicTerms(q);
    if (a.size() != 1 || b.size() != 1 || a.equals(b)) {
      return Optional.empty();
    }
    List<String> predicate = new ArrayList<>(asked);
    predicate.removeAll(a);
    predicate.removeAll(b);
    predicate.removeIf(vocabulary::isChatTerm);
    if (ORDER.matcher(q).find()) {
      // "prompting or rag first when the model lacks our docs?": the order is asked, the rest is the situation
      predicate.removeIf(t -> !ORDER.matcher(t).find());
    }
    if (predicate.isEmpty()) {
      return Optional.empty();
    }
    Claim forA = null;
    Claim forB = null;
    boolean againstA = false;
    boolean againstB = false;
    for (Passage p : approved) {
      for (Claim c : p.claims()) {
        List<String> terms = claimTerms(c, vocabulary);
        if (!asked.containsAll(terms) || terms.stream().noneMatch(predicate::contains)) {
          continue;
        }
        boolean ofA = terms.contains(a.get(0));
        boolean ofB = terms.contains(b.get(0));
        if (ofA == ofB) {
          continue;
        }
        boolean yes = c.stance().equals("yes") != not;
        if (ofA) {
          forA = yes ? c : forA;
          againstA |= !yes;
        } else {
          forB = yes ? c : forB;
          againstB |= !yes;
        }
      }
    }
    if (forA != null && forB == null && !againstA) {
      return optionWord(forA, a.get(0), vocabulary);
    }
    if (forB != null && forA == null && !againstB) {
      return optionWord(forB, b.get(0), vocabulary);
    }
    return Optional.empty();
  }

  /** The option as the claim spells it ("Prompting", "RAG"). */
  private static Optional<Stance> optionWord(Claim c, String term, Vocabulary vocabulary) {
    for (String word : c.proposition().split("[^\\p{L}\\p{N}\\-]+")) {
      if (!word.isEmpty() && vocabulary.topicTerms(word).contains(term)) {
        String w = asOption(word, term, vocabulary);
        return Optional.of(new Stance(w.toLowerCase(Locale.ROOT), w));
      }
    }
    return Optional.empty();
  }

  /**
   * An option named the way the lesson names the approach: "prompts" and "prompt" are "Prompting",
   * as "fine-tune" is "Fine-tuning"; a name in capitals ("LoRA", "RAG") stays as it is.
   */
  private static String asOption(String word, String term, Vocabulary vocabulary) {
    String w = word;
    if (w.equals(w.toLowerCase(Locale.ROOT)) && !w.endsWith("ing")) {
      String base = w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
      String ing = base.endsWith("e") ? base.substring(0, base.length() - 1) + "ing" : base + "ing";
      if (vocabulary.topicTerms(ing).equals(List.of(term))) {
        w = ing;
      }
    }
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  private static int negations(String q) {
    int n = 0;
    for (String w : q.split("[^\\p{L}'\\-]+")) {
      if (QUESTION_NEGATION.matcher(w).matches()) {
        n++;
      }
    }
    return n;
  }

  /** How many terms of the lessons' vocabulary a question may hold beyond a matching claim's. */
  static final int MAX_EXTRA_TERMS = 1;

  private record Matched(Claim claim, boolean inOrder) { }

  private static Optional<String> agreed(List<Matched> matched) {
    Set<String> labels = new HashSet<>();
    matched.forEach(m -> labels.add(m.claim().stance()));
    return labels.size() == 1 ? Optional.of(labels.iterator().next()) : Optional.empty();
  }

  private static boolean inOrder(List<String> asked, List<String> terms) {
    int at = -1;
    for (String t : terms) {
      int i = asked.indexOf(t);
      if (i < at) {
        return false;
      }
      at = i;
    }
    return true;
  }

  /** A claim's content terms, read once per vocabulary: claims never change while the tutor runs. */
  private static List<String> claimTerms(Claim c, Vocabulary vocabulary) {
    return CLAIM_TERMS.computeIfAbsent(vocabulary, v -> new java.util.concurrent.ConcurrentHashMap<>())
        .computeIfAbsent(c.proposition(), t -> vocabulary.topicTerms(t).stream().distinct().toList());
  }

  /** A claim's terms and the other names of what it names ("parameter-efficient" gives "peft"): a question word among them says what the claim says. */
  private static Set<String> claimSynonyms(Claim c, Vocabulary vocabulary) {
    return CLAIM_SYNONYMS.computeIfAbsent(vocabulary, v -> new java.util.concurrent.ConcurrentHashMap<>())
        .computeIfAbsent(c.proposition(), t -> {
          Set<String> all = new HashSet<>(claimTerms(c, vocabulary));
          all.addAll(vocabulary.termsWithNameSynonyms(t));
          return Set.copyOf(all);
        });
  }

  private static final java.util.Map<Vocabulary, java.util.Map<String, Set<String>>> CLAIM_SYNONYMS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static final java.util.Map<Vocabulary, java.util.Map<String, List<String>>> CLAIM_TERMS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /** "LoRA or a full fine-tune?": the option the lesson prefers, when one passage ranks the two. */
  private static Optional<Stance> eitherOr(String q, List<Passage> approved, Vocabulary vocabulary, List<List<String>> concepts) {
    Options options = options(q, vocabulary);
    if (options == null) {
      return Optional.empty();
    }
    List<String> a = options.a();
    List<String> b = options.b();
    // each clause of a passage that ranks two things, and each "yes" claim that does ("exhaust prompting and RAG before fine-tuning")
    List<String> rankings = new ArrayList<>();
    List<Passage> rankedBy = new ArrayList<>();
    for (Passage p : approved) {
      for (String clause : RANKING_CLAUSES.split(p.meaning())) {
        rankings.add(clause);
        rankedBy.add(p);
      }
      p.claims().stream().filter(c -> c.stance().equals("yes")).map(Claim::proposition).forEach(c -> {
        rankings.add(c);
        rankedBy.add(p);
      });
    }
    boolean asksOrder = ORDER.matcher(q).find();
    // "lora vs full ft, which is more expensive?" asks a property: the option a passage prefers
    // answers it only if the passage speaks of that property ("lighter" is how it is asked for)
    List<String> property = vocabulary.topicTerms(q).stream()
        .filter(t -> vocabulary.knows(t) && !vocabulary.isChatTerm(t) && !options.named().contains(t)
            && concepts.stream().noneMatch(c -> c.contains(t))
            && !ORDER.matcher(t).find() && !CHOOSING.matcher(t).find())
        .toList();
    for (int i = 0; i < rankings.size(); i++) {
      String text = rankings.get(i);
      Passage by = rankedBy.get(i);
      if (!property.isEmpty()
          && !vocabulary.topicTerms(by.meaning() + " " + String.join(" ", by.askedAs())).containsAll(property)) {
        continue;
      }
      Matcher split = DISPREFERRED.matcher(text.toLowerCase(Locale.ROOT));
      // "X before Y" says which comes first, not which is better: it answers "which first?" only
      if (!split.find() || split.group(1).equals("before") && !asksOrder) {
        continue;
      }
      String preferredText = text.substring(0, split.start());
      List<String> preferred = vocabulary.topicTerms(preferredText);
      List<String> avoided = vocabulary.topicTerms(text.substring(split.end()));
      boolean aFirst = preferred.containsAll(a) && avoided.containsAll(b) && !preferred.containsAll(b);
      boolean bFirst = preferred.containsAll(b) && avoided.containsAll(a) && !preferred.containsAll(a);
      if (aFirst != bFirst) {
        List<String> chosen = aFirst ? a : b;
        String term = chosen.get(chosen.size() - 1);
        return lessonWord(preferredText, term, vocabulary).map(w -> asOption(w, term, vocabulary))
            .map(w -> new Stance(w.toLowerCase(Locale.ROOT), w));
      }
    }
    return Optional.empty();
  }

  /** "LoRA / parameter-efficient methods": a name in capitals, a slash, another name of the same thing. */
  private static final Pattern SLASH_NAMES = Pattern.compile("(\\p{L}*\\p{Lu}\\p{L}*\\p{Lu}\\p{L}*)\\s*/\\s*([\\p{L}\\-]+(?:\\s+\\p{L}+)?)");

  /** Where a passage's clauses part, for reading which of two things it ranks first. */
  private static final Pattern RANKING_CLAUSES = Pattern.compile("\\s*(?:;|\\.\\s|:\\s)\\s*");

  /** The lesson's own spelling of the word whose stem is {@code term} ("LoRA" for "lora"). */
  private static Optional<String> lessonWord(String text, String term, Vocabulary vocabulary) {
    // "Use LoRA / parameter-efficient methods": two names of one option, the lesson's name first
    Matcher named = SLASH_NAMES.matcher(text);
    while (named.find()) {
      if (vocabulary.topicTerms(named.group(2)).contains(term)) {
        return Optional.of(named.group(1));
      }
    }
    for (String word : text.split("[^\\p{L}\\p{N}\\-]+")) {
      if (!word.isEmpty() && vocabulary.topicTerms(word).contains(term)) {
        String w = word.replaceAll("-(?=\\p{L}).*$", "");
        return Optional.of(Character.toUpperCase(w.charAt(0)) + w.substring(1));
      }
    }
    return Optional.empty();
  }
}
