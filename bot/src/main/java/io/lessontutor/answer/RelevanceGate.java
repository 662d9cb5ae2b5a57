package io.lessontutor.answer;

import io.lessontutor.search.QuestionIntent;
import io.lessontutor.answer.AnswerPipeline.Verdict;
import io.lessontutor.search.ScoredPassage;
import io.lessontutor.search.Vocabulary;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether the lesson covers a question, and says why, from the best passage found for it
 * and the question's own words. A question is covered when all of these hold:
 *
 * <ol>
 *   <li>the best passage's cosine similarity is at least {@value #MIN_SIMILARITY} when the
 *       retriever compared embeddings, else its BM25 score at least {@value #MIN_BM25};
 *   <li>at least {@value #MIN_COVERAGE} of the question's content words are the lesson's own
 *       ({@value #MIN_SITUATION_COVERAGE} for a situation of {@value #SITUATION_TERMS} words or more,
 *       where much is context);
 *   <li>it does not ask for a specific thing the lesson never mentions ("what learning rate should
 *       I use", "how many epochs"), nor for one the closest passage says nothing of ("which model
 *       should we fine-tune?" against a passage without "model"), nor for the meaning of a term the
 *       lesson never uses;
 *   <li>its key concept is the lesson's (the focus check): no specific term the lesson never uses
 *       and everyday English does not have either ("QLoRA", "vLLM", "hallucinations"); no "how do
 *       I &lt;verb&gt;" with a verb the lesson never uses ("chunk", "evaluate"); no "can fine-tuning
 *       &lt;verb&gt; X?" or "should we use X?" with an X the lesson never names ("bias").
 * </ol>
 *
 * <p>The bars were set on the tuning half of the answer question set ({@code answers/tuning.yaml});
 * the held-out half was split off before and is only scored ({@code scripts/bench answers}).
 */
final class RelevanceGate {

  static final double MIN_SIMILARITY = 0.30;
  static final double MIN_BM25 = 1.5;
  static final double MIN_COVERAGE = 0.45;

  /**
   * "what/which (is the) (best) X should/do/works/for…", "how many/much X", "best X for…" and "how do I <verb> X":
   * X is what is asked for.
   */
  private static final Pattern ASKS_FOR = Pattern.compile(
      "^(?:(?:what|which)(?:\\s+(?:is|are|'s)\\s+(?:the|a|an)|'s\\s+(?:the|a|an))?\\s+(?:best\\s+|right\\s+|ideal\\s+|optimal\\s+|recommended\\s+|good\\s+)?"
          + "((?!(?:does|do|did|is|are|was|can|could|should|would|will|we|i|you)\\b)(?:[\\w\\-]+\\s+){0,3}?[\\w\\-]+)"
          + "\\s+(?:should|do|does|works?|would|to use|is best|for|fits?|per)\\b"
          + "|how\\s+(?:many|much)\\s+((?:[\\w\\-]+\\s+){0,1}[\\w\\-]+)"
          + "|(?:the\\s+)?(?:best|ideal|optimal|recommended)\\s+((?:[\\w\\-]+\\s+){0,1}[\\w\\-]+)\\s+(?:for|to)\\b"
          + "|how\\s+(?:do|can|should|would)\\s+(?:i|we|you)\\s+[\\w\\-]+\\s+(?:a\\s+|an\\s+|the\\s+|my\\s+|our\\s+)?"
          + "((?:[\\w\\-]+\\s+){0,1}[\\w\\-]+))");

  /** "Which vendor sells…", "which base model then": the word after "which" is what is asked for. */
  private static final Pattern WHICH = Pattern.compile("^(?:(?:ok|okay|so|and|then|but)\\s+)*which\\s+([\\w\\-]+)");

  /** A question of at least this many topic words is a situation: much of it is context, not topic. */
  static final int SITUATION_TERMS = 10;
  /** The share of a situation's words that must be the lesson's. */
  static final double MIN_SITUATION_COVERAGE = 0.30;

  /** "How do we chunk…", "how should I evaluate…": the verb is what is asked about. */
  private static final Pattern HOW_TO = Pattern.compile(
      "^how\\s+(?:do|can|should|would|could|to)\\s+(?:i\\s+|we\\s+|you\\s+)?([\\w\\-]+)");
  /**
   * "What is catastrophic forgetting in fine-tuning", "how does prompt caching work": the thing a
   * definition question names, a phrase of one to three words that ends the question or meets "in",
   * "vs", "and" or "work". A word of it the lesson lacks makes it a compound the lesson never names,
   * though its other word is the lesson's ("instruction tuning", "prompt caching").
   */
  private static final Pattern DEFINED = Pattern.compile(
      "^(?:what\\s+(?:is|are)|how\\s+(?:does|do|is))\\s+(?:a\\s+|an\\s+|the\\s+)?([\\w\\-]+(?:\\s+[\\w\\-]+){0,2}?)"
          + "(?:\\s+(?:in|vs|versus|and|works?)\\b.*)?$");
  /** "Recommend a data labeling vendor for our dataset": the phrase after the verb is the thing asked for. */
  private static final Pattern RECOMMEND = Pattern.compile(
      "^(?:can you\\s+|could you\\s+)?(?:recommend|suggest)\\s+(?:a\\s+|an\\s+|some\\s+|the\\s+)?([\\w\\-]+(?:\\s+[\\w\\-]+){0,2}?)"
          + "(?:\\s+(?:for|to|that|which|we|i)\\b.*)?$");
  /** "Difference between X and Y": both are what is asked about. */
  private static final Pattern BETWEEN = Pattern.compile("\\bbetween\\s+(.+?)\\s+and\\s+(.+)$");
  /** "Can fine-tuning fix hallucinations?": the object is what is asked about. */
  private static final Pattern EFFECT = Pattern.compile(
      "^(?:can|could|does|do|will|would)\\s+(\\S+(?:\\s+tun\\w*)?)\\s+[\\w\\-]+\\s+(.*)$");
  /** "Should we use synthetic data…": what we would use is what is asked about. */
  private static final Pattern USE = Pattern.compile(
      "^(?:should|can|could|do|would|shall)\\s+(?:we|i|you)\\s+(?:use|try|pick|choose|add|go with)\\s+(.*)$");
  /** "Is synthetic training data a good idea?": every word of what is judged must be the lesson's. */
  private static final Pattern VERDICT = Pattern.compile(
      "^(?:is|are|would|does)\\s+(.+?)\\s+(?:a good idea|a bad idea|worth it|worth doing|recommended|a good call|the way to go)$");
  private static final Pattern ADVERBS = Pattern.compile(
      "\\b(ever|really|actually|still|even|usually|always|generally|typically|truly|honestly|basically|just|ultimately)\\b");
  private static final java.util.Set<String> DETERMINERS = java.util.Set.of(
      "a", "an", "the", "our", "my", "your", "any", "some", "down", "up", "away", "out", "rid", "of", "with", "all", "this", "that");

  private final Vocabulary vocabulary;
  /** The lesson's concepts, the names of its glossary entries, stemmed: the subjects its claims are about. */
  private final List<List<String>> concepts;

  RelevanceGate(Vocabulary vocabulary, List<String> conceptNames) {
    this(vocabulary, conceptNames, List.of());
  }

  /**
   * @param passages every passage of the lessons: the words only related lessons' titles and
   *     summaries use ("Claude", "Gemini", "context windows") are read from them
   */
  RelevanceGate(Vocabulary vocabulary, List<String> conceptNames, List<io.lessontutor.knowledge.Passage> passages) {
    this.vocabulary = vocabulary;
    this.concepts = conceptNames.stream().map(vocabulary::contentTerms).filter(t -> !t.isEmpty()).toList();
    java.util.Set<String> body = new java.util.HashSet<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    java.util.Set<String> claimed = new java.util.HashSet<>();
    for (io.lessontutor.knowledge.Passage p : passages) {
      // the lessons' short verdicts ("fine-tuning expensive", "prompting fast"): what they judge things by
      p.claims().stream().map(c -> vocabulary.topicTerms(c.proposition())).filter(t -> t.size() <= 2).forEach(claimed::addAll);
      if (p.kind() == io.lessontutor.knowledge.Passage.Kind.RELATED) {
        names.addAll(vocabulary.topicTerms(String.join(" ", properNames(p.text()))));
        if (sentenceCase(p.relatedLesson())) {
          names.addAll(vocabulary.topicTerms(String.join(" ", properNames(p.relatedLesson()))));
        }
      } else {
        body.addAll(vocabulary.topicTerms(p.text() + " " + p.section() + " " + String.join(" ", p.askedAs())));
      }
    }
    names.removeAll(body);
    this.relatedOnly = java.util.Set.copyOf(names);
    this.claimedTerms = java.util.Set.copyOf(claimed);
    this.compoundPartners = compoundPartners(vocabulary, passages);
  }

  private static final Pattern CAPITALISED = Pattern.compile("(?<=[\\p{L},;]\\s)(\\p{Lu}[\\p{L}\\p{N}\\-]*)");

  /** Words capitalised inside a sentence ("on Claude can hit 70% on GPT"): names of things. */
  private static List<String> properNames(String text) {
    List<String> out = new java.util.ArrayList<>();
    for (String sentence : text.split("(?<=[.!?:])\\s+")) {
      Matcher m = CAPITALISED.matcher(sentence);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** "How prompt portability differs between Claude, GPT, and Gemini": a title whose capitals are names. */
  private static boolean sentenceCase(String title) {
    return title != null && java.util.Arrays.stream(title.split("\\s+")).skip(1)
        .anyMatch(w -> w.length() >= 4 && Character.isLowerCase(w.charAt(0)));
  }

  /** Names only related lessons' titles and summaries use ("claud", "gpt", "gemini"): a question naming one is about that lesson. */
  private final java.util.Set<String> relatedOnly;
  private final java.util.Map<String, java.util.Set<String>> compoundPartners;
  /** Terms of the lessons' two-term claims: what they judge things by ("expensive", "slow", "free"). */
  private final java.util.Set<String> claimedTerms;
  /** "Who invented LoRA?": asks for a person; the lessons name none. */
  private static final Pattern WHO_MADE = Pattern.compile(
      "^who\\s+(?:invented|created|made|built|wrote|developed|designed|discovered|came up with|introduced|coined)\\b");

  /**
   * Whether the best passage answers the question well enough to answer from it, and why.
   *
   * @param own the message as typed, whose own words decide what it asks for
   * @param query what was searched: the message, or for a follow-up the question before it too
   * @param found what the one retrieval found for {@code query}, best first
   */
  Verdict judge(String own, String query, List<ScoredPassage> found) {
    return judge(own, query, query, found, false);
  }

  /**
   * As {@link #judge(String, String, List)}; {@code typedQuery} is the query as typed, before the
   * thesaurus; {@code limits}: it asks what something cannot do, a list, not a thing.
   */
  Verdict judge(String own, String query, String typedQuery, List<ScoredPassage> found, boolean limits) {
    if (found.isEmpty()) {
      return Verdict.declines("no passage of the lesson matches its words");
    }
    ScoredPassage best = found.get(0);
    if (best.hasSimilarity() ? best.similarity() < MIN_SIMILARITY : best.bm25() < MIN_BM25) {
      return Verdict.declines(best.hasSimilarity()
          ? String.format(Locale.ROOT, "the closest passage is too far from it (similarity %.2f)", best.similarity())
          : String.format(Locale.ROOT, "the closest passage shares too little with it (BM25 %.2f)", best.bm25()));
    }
    java.util.Optional<Verdict> words = fromWords(own, query, typedQuery, limits);
    if (words.isPresent()) {
      return words.get();
    }
    String thing = limits ? null : askedForThing(own);
    if (thing != null && !says(best, thing)) {
      return Verdict.declines("it asks for " + thing + ", and the closest passage says nothing of it");
    }
    String beyond = beyondRelatedLesson(own, best);
    if (beyond != null) {
      return Verdict.declines(beyond);
    }
    return Verdict.covers("the lesson covers it: " + best.passage().section());
  }

  /**
   * A decline its words alone decide, before any search: too few of them are the lesson's; it asks
   * for a thing, the meaning of a term, an action or an effect the lesson never names; it asks who
   * made something. Empty when only the passages found can tell.
   */
  java.util.Optional<Verdict> fromWords(String own, String query, String typedQuery, boolean limits) {
    // "prompt tweaks dont help, is that a reason to fine tune?": a name the lesson lacks, said only
    // in the situation before what is asked, is context; the clause that asks decides the focus
    for (String word : contextOnly(own)) {
      Pattern w = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])");
      own = w.matcher(own).replaceAll(" ");
      query = w.matcher(query).replaceAll(" ");
      typedQuery = w.matcher(typedQuery).replaceAll(" ");
    }
    // the thesaurus only ever adds the lesson's words: read as typed, a question is never less covered
    double coverage = Math.max(vocabulary.coverage(query), vocabulary.coverage(typedQuery));
    boolean situation = vocabulary.contentTerms(query).size() >= SITUATION_TERMS;
    if (coverage < (situation ? MIN_SITUATION_COVERAGE : MIN_COVERAGE)) {
      return java.util.Optional.of(Verdict.declines(
          String.format(Locale.ROOT, "most of its words are not the lesson's (%.0f%% are)", 100 * coverage)));
    }
    String thing = limits ? null : askedForThing(own);
    if (thing != null && hasUnknownWord(thing)) {
      return java.util.Optional.of(Verdict.declines("it asks for " + thing + ", which the lesson never names"));
    }
    Matcher which = WHICH.matcher(own.strip().toLowerCase(Locale.ROOT));
    if (which.find() && hasUnknownWord(which.group(1)) && !Vocabulary.isChatWord(which.group(1))) {
      return java.util.Optional.of(Verdict.declines("it asks which " + which.group(1) + ", and the lesson names none"));
    }
    String term = QuestionIntent.definitionSubject(own).orElse(null);
    if (term != null && hasUnknownWord(term)) {
      return java.util.Optional.of(Verdict.declines("it asks what " + term + " means, and the lesson never uses that term"));
    }
    String focus = unknownFocus(own);
    if (focus != null) {
      return java.util.Optional.of(Verdict.declines(focus));
    }
    if (WHO_MADE.matcher(own.strip().toLowerCase(Locale.ROOT)).find()) {
      return java.util.Optional.of(Verdict.declines("it asks who made something, and the lesson names no one"));
    }
    return java.util.Optional.empty();
  }

  /** Where a message's clauses part: commas, semicolons, colons, dashes, full stops and question marks inside it. */
  private static final Pattern CLAUSES = Pattern.compile("\\s*(?:[,;:—–]|\\s-\\s|[.?!]\\s)\\s*");

  /**
   * The specific words the lesson never uses ({@link Vocabulary#specificUnknownWords}) that a
   * message of several clauses says only before its last clause, the one that asks, when that
   * clause names something of the lesson: "latency is killing us and prompt tweaks dont help, is
   * that a reason to fine tune?" tells its situation in words the lesson lacks and asks in the
   * lesson's. A name in the asking clause ("does fine-tuning break GDPR?") is never context.
   */
  private List<String> contextOnly(String own) {
    String q = own.strip().toLowerCase(Locale.ROOT).replace('’', '\'');
    String[] clauses = CLAUSES.split(q);
    if (clauses.length < 2) {
      return List.of();
    }
    String asking = clauses[clauses.length - 1];
    // the asking clause must say something itself: "which one?", "thoughts?" point back at the situation
    List<String> asked = vocabulary.topicTerms(asking).stream().filter(t -> !vocabulary.isChatTerm(t)).toList();
    if (asked.stream().noneMatch(t -> t.length() >= 3 && vocabulary.knows(t))) {
      return List.of();
    }
    List<String> inAsking = vocabulary.specificUnknownWords(asking);
    return vocabulary.specificUnknownWords(q.substring(0, q.length() - asking.length())).stream()
        .filter(w -> !inAsking.contains(w)).distinct().toList();
  }

  /**
   * Why the question's key concept is not the lesson's, or null when it is: a specific term the
   * lesson never uses, the action a "how do I…" asks about, either side of a "difference between",
   * or what a "can fine-tuning <verb> X?" asks about.
   */
  private String unknownFocus(String own) {
    String q = own.strip().toLowerCase(Locale.ROOT).replace('’', '\'');
    // "3rd", "2nd" are places in a list, not names of things
    List<String> specific = vocabulary.specificUnknownWords(q).stream().filter(w -> !w.matches("\\d+(?:st|nd|rd|th)")).toList();
    if (!specific.isEmpty()) {
      return "it asks about " + String.join(", ", specific) + ", which the lesson never mentions";
    }
    Matcher how = HOW_TO.matcher(q);
    if (how.find() && hasUnknownWord(how.group(1))) {
      return "it asks how to " + how.group(1) + ", which the lesson does not cover";
    }
    Matcher defined = DEFINED.matcher(q.replace("what's", "what is").replaceAll("[?!.]+$", ""));
    // every word of the phrase says something: "what's LoRA short for" names LoRA, then asks of it
    if (defined.matches() && vocabulary.contentTerms(defined.group(1)).size() == defined.group(1).split("\\s+").length
        && hasUnknownWord(defined.group(1))) {
      return "it asks what " + defined.group(1) + " is, which the lesson never names";
    }
    Matcher recommend = RECOMMEND.matcher(q.replaceAll("[?!.]+$", ""));
    if (recommend.matches() && vocabulary.contentTerms(recommend.group(1)).size() == recommend.group(1).split("\\s+").length
        && hasUnknownWord(recommend.group(1))) {
      return "it asks for a " + recommend.group(1) + ", which the lesson never names";
    }
    Matcher between = BETWEEN.matcher(q.replaceAll("[?!.]+$", ""));
    if (between.find() && (hasUnknownWord(between.group(1)) || hasUnknownWord(between.group(2)))) {
      return "it compares things the lesson does not name";
    }
    String plain = q.replaceAll("[?!.]+$", "");
    Matcher effect = EFFECT.matcher(plain);
    if (effect.find() && isConcept(effect.group(1))) {
      String object = head(effect.group(2));
      if (object != null && vocabulary.contentTerms(object).stream().noneMatch(vocabulary::knowsRoot)) {
        return "it asks whether " + effect.group(1) + " affects " + object + ", which the lesson never mentions";
      }
    }
    Matcher verdict = VERDICT.matcher(plain);
    // "is fine-tuning ever worth it?": "ever", "really", "still" say how often or how much, not what
    if (verdict.find() && hasUnknownWord(ADVERBS.matcher(verdict.group(1)).replaceAll(" "))) {
      return "it asks whether " + verdict.group(1) + " is worth it, and the lesson never mentions it";
    }
    Matcher use = USE.matcher(plain);
    if (use.find()) {
      String object = head(use.group(1));
      if (object != null && vocabulary.contentTerms(object).stream().noneMatch(vocabulary::knowsRoot)) {
        return "it asks about using " + object + ", which the lesson never mentions";
      }
    }
    return null;
  }

  /**
   * A question naming what only a related lesson's title or summary names ("is Gemini cheaper than
   * GPT?") is answered only from that related lesson, and only when all it asks about is in it:
   * the related lesson says how prompts port between Claude and GPT, not which is cheaper.
   */
  private String beyondRelatedLesson(String own, ScoredPassage best) {
    List<String> asked = vocabulary.topicTerms(own).stream().filter(t -> !Vocabulary.isChatWord(t)).distinct().toList();
    List<String> named = asked.stream().filter(relatedOnly::contains).toList();
    if (named.isEmpty()) {
      return null;
    }
    io.lessontutor.knowledge.Passage p = best.passage();
    if (p.kind() != io.lessontutor.knowledge.Passage.Kind.RELATED) {
      return "it asks about " + String.join(", ", named) + ", which only a related lesson names";
    }
    List<String> said = vocabulary.topicTerms(p.text() + " " + p.relatedLesson() + " " + p.section());
    // what else it asks about that the lessons say something of ("cheap"), or a name another related lesson uses
    List<String> missing = asked.stream().filter(t -> (claimedTerms.contains(t) || relatedOnly.contains(t)) && !said.contains(t)).toList();
    return missing.isEmpty() ? null
        : "it asks about " + String.join(", ", missing) + " beside what the related lesson covers";
  }

  /** The first word of a phrase that says something: no determiner, particle or chat word. */
  private String head(String phrase) {
    return java.util.Arrays.stream(phrase.split("[^\\w\\-]+"))
        .filter(w -> !w.isEmpty() && !DETERMINERS.contains(w) && !Vocabulary.isChatWord(w)
            && !vocabulary.contentTerms(w).isEmpty())
        .findFirst().orElse(null);
  }

  private boolean isConcept(String words) {
    List<String> terms = vocabulary.contentTerms(words);
    return !terms.isEmpty() && concepts.stream().anyMatch(c -> c.containsAll(terms) || terms.containsAll(c));
  }

  /** What "what X should…", "how many X" or "how do I <verb> X" asks for, or null. */
  private static String askedForThing(String question) {
    String q = question.strip().toLowerCase(Locale.ROOT).replace("what's", "what is");
    Matcher m = ASKS_FOR.matcher(q);
    if (!m.find()) {
      return null;
    }
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        return m.group(g);
      }
    }
    return null;
  }

  /**
   * True when the passage speaks of the thing asked for ("which model should we fine-tune?" asks for
   * a model; a passage that never says "model" cannot name one): one of the thing's words, or a
   * synonym, is in the passage's text or its section title.
   */
  private boolean says(ScoredPassage best, String thing) {
    List<String> asked = vocabulary.termsWithSynonyms(thing);
    if (asked.isEmpty()) {
      return true;
    }
    List<String> said = vocabulary.contentTerms(best.passage().text() + " " + best.passage().section());
    return asked.stream().anyMatch(said::contains);
  }

  /** True when a word of the text, numbers aside, is not the lesson's. */
  private boolean hasUnknownWord(String text) {
    if (vocabulary.unknownTerms(text).stream().anyMatch(t -> !Character.isDigit(t.charAt(0)))) {
      return true;
    }
    // "rank" alone is not the lesson's word: it only says "low-rank"
    List<String> terms = vocabulary.contentTerms(text);
    return terms.stream().anyMatch(t -> compoundPartners.containsKey(t)
        && compoundPartners.get(t).stream().noneMatch(terms::contains));
  }

  private static final Pattern WORD_BREAK = Pattern.compile("[\\s/()\\[\\],.;:!?“”\"]+");

  /**
   * Terms the lessons use only inside a hyphenated word ("low-rank", "parameter-efficient"), each
   * with the other parts it comes with: asked for alone, such a term is not the lesson's.
   */
  private static java.util.Map<String, java.util.Set<String>> compoundPartners(
      Vocabulary vocabulary, List<io.lessontutor.knowledge.Passage> passages) {
    java.util.Map<String, java.util.Set<String>> partners = new java.util.HashMap<>();
    java.util.Set<String> alone = new java.util.HashSet<>();
    // a course repeats its words thousands of times: each distinct word is analysed once
    java.util.Map<String, List<String>> analysed = new java.util.HashMap<>();
    for (io.lessontutor.knowledge.Passage p : passages) {
      String all = p.text() + " " + p.section() + " " + String.join(" ", p.askedAs())
          + (p.relatedLesson() == null ? "" : " " + p.relatedLesson());
      for (String word : WORD_BREAK.split(all)) {
        List<String> terms = analysed.computeIfAbsent(word, vocabulary::contentTerms);
        if (word.contains("-") && terms.size() > 1 && vocabulary.topicTerms(word).size() > 1) {
          for (String t : terms) {
            partners.computeIfAbsent(t, k -> new java.util.HashSet<>()).addAll(terms.stream().filter(x -> !x.equals(t)).toList());
          }
        } else {
          alone.addAll(terms);
        }
      }
    }
    partners.keySet().removeAll(alone);
    return java.util.Map.copyOf(partners);
  }
}
