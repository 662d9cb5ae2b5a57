package io.lessontutor.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;
import org.apache.lucene.util.automaton.Operations;

/**
 * The words the indexed lessons use (the index's own terms, plus every word of a synonym rule
 * that names one of them), stemmed the way questions are. Immutable and thread-safe.
 */
public final class LessonVocabulary implements Vocabulary {

  /**
   * Words that say nothing about whether the lesson covers a question ("who wrote this lesson?"):
   * they count neither way in {@link #coverage}.
   */
  static final Set<String> NEUTRAL_TERMS = Set.of("lesson", "tutor", "cours", "question", "answer", "explain", "tell");

  /**
   * Everyday English: the whole words of the embedding model's WordPiece vocabulary (about 20,000
   * of them). A word of a question that the lesson never uses and that is not one of these is a
   * specific term ("QLoRA", "vLLM", "hallucinations", "Pinecone"): the question is about something
   * the lesson does not cover.
   */
  private static final String COMMON_WORDS_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";
  /** How people type in Slack: not specific terms, though no dictionary has them. */
  static final Set<String> CHAT_WORDS = Set.of("honestly", "basically", "actually", "really", "literally", "seriously",
      "pls", "plz", "thx", "ty", "wtf", "tldr", "tl", "dr", "lol", "meh", "imo", "imho", "btw", "fyi", "idk", "afaik",
      "asap", "nvm", "ok", "okay", "q", "docs", "eng", "nah", "yep", "yeah", "gonna", "wanna", "kinda", "sorta", "dont",
      "cant", "wont", "doesnt", "isnt", "didnt", "im", "ive", "youre", "thats", "whats", "hows",
      "wat", "wut", "u", "ur", "ya", "tho", "tbh", "ngl", "rn", "lmao", "haha", "lemme", "gotta", "ppl", "bc", "cuz",
      "coz", "abt", "smth", "iirc", "wen", "r");
  private static final Pattern QUESTION_WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}\\-]*|\\p{N}+\\p{L}+");
  private static final Pattern QUANTITY = Pattern.compile("\\p{N}+[km]");
  private static final Pattern MODEL_SIZE = Pattern.compile("\\p{N}+(?:\\.\\p{N}+)?b");
  private static final Set<String> COMMON = commonWords();
  /**
   * The hash codes of every everyday word of four letters or more with one letter left out, sorted:
   * 600 kB instead of 150,000 strings. Two strings seldom share a hash; when they do, a word is
   * taken for a typo, which only ever lets a question through to the other checks.
   */
  private static final int[] DELETIONS = COMMON.stream()
      .filter(w -> w.length() >= 4)
      .flatMap(w -> deletions(w).stream())
      .mapToInt(String::hashCode)
      .sorted()
      .distinct()
      .toArray();

  /**
   * Reads the everyday-English word lists (a few hundred milliseconds in a JVM that has just
   * started), so that a caller can have it done on another thread before the index is opened.
   */
  public static void prepare() {
    // the class's initialisation reads them; the first thread to ask does it, any other waits
  }

  private final Analyzer analyzer;
  private final Set<String> words;
  /** The chat words as the analyzer stems them ("realli", "actual"). */
  private final Set<String> chatTerms;
  private final java.util.NavigableSet<String> sorted;

  LessonVocabulary(IndexReader reader, Analyzer analyzer) {
    this.analyzer = analyzer;
    Set<String> indexed = new HashSet<>();
    try {
      for (String field : List.of(IndexSchema.BODY, IndexSchema.SECTION, IndexSchema.ASKED_AS)) {
        for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
          Terms terms = leaf.reader().terms(field);
          if (terms == null) {
            continue;
          }
          // a lesson changed or removed since the last merge leaves deleted documents: their words are not the lessons'
          org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
          TermsEnum it = terms.iterator();
          org.apache.lucene.index.PostingsEnum postings = null;
          while (it.next() != null) {
            if (live != null) {
              postings = it.postings(postings, org.apache.lucene.index.PostingsEnum.NONE);
              int doc = postings.nextDoc();
              while (doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS && !live.get(doc)) {
                doc = postings.nextDoc();
              }
              if (doc == org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
                continue;
              }
            }
            indexed.add(it.term().utf8ToString());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> withSynonyms = new HashSet<>(indexed);
    for (String rule : LessonAnalyzers.SYNONYMS.split("\n")) {
      List<String> ruleTerms = LessonAnalyzers.terms(analyzer, rule);
      if (ruleTerms.stream().anyMatch(indexed::contains)) {
        withSynonyms.addAll(ruleTerms);
      }
    }
    this.words = Set.copyOf(withSynonyms);
    Set<String> chat = new HashSet<>(CHAT_WORDS);
    CHAT_WORDS.forEach(w -> chat.addAll(LessonAnalyzers.terms(analyzer, w)));
    // "actually" says nothing of a topic even where a lesson happens to use it ("actually pays off")
    this.chatTerms = Set.copyOf(chat);
    this.sorted = java.util.Collections.unmodifiableNavigableSet(new java.util.TreeSet<>(withSynonyms));
  }

  @Override
  public boolean isChatTerm(String term) {
    return chatTerms.contains(term) || term.codePoints().noneMatch(Character::isLetterOrDigit);
  }

  @Override
  public double coverage(String question) {
    // numbers ("50k tickets") are quantities, not topics, and chat words ("lol", "really") and emoji say nothing: they count neither way
    List<String> terms = topicTerms(question).stream().filter(t -> !isChatTerm(t)).toList();
    return terms.isEmpty() ? 0 : (double) terms.stream().filter(this::knows).count() / terms.size();
  }

  /** The question's content terms that can say what it is about: neutral words and numbers left out, compounds joined. */
  @Override
  public List<String> topicTerms(String question) {
    return joinCompounds(contentTerms(question)).stream()
        .filter(t -> !NEUTRAL_TERMS.contains(t) && !Character.isDigit(t.charAt(0)))
        .toList();
  }

  /**
   * "fine-tuning" is one idea in two words; counted twice it would make any question that says it
   * look half covered ("Does fine-tuning reduce bias?").
   */
  private static List<String> joinCompounds(List<String> terms) {
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < terms.size(); i++) {
      if (terms.get(i).equals("fine") && i + 1 < terms.size() && terms.get(i + 1).equals("tune")) {
        joined.add("finetun");
        i++;
      } else {
        joined.add(terms.get(i));
      }
    }
    return joined;
  }

  @Override
  public List<String> unknownTerms(String question) {
    return contentTerms(question).stream().filter(t -> !knows(t) && !isChatTerm(t)).toList();
  }

  private static final Analyzer QUERYING = LessonAnalyzers.querying();

  @Override
  public List<String> termsWithSynonyms(String text) {
    return LessonAnalyzers.terms(QUERYING, LucenePassageRetriever.bounded(text));
  }

  private static final Analyzer NAMING = LessonAnalyzers.naming();

  @Override
  public List<String> termsWithNameSynonyms(String text) {
    return LessonAnalyzers.terms(NAMING, LucenePassageRetriever.bounded(text));
  }

  @Override
  public List<String> contentTerms(String text) {
    return LessonAnalyzers.terms(analyzer, LucenePassageRetriever.bounded(text));
  }

  /**
   * The words of the question, as typed and lower-cased, that the lessons never use and that are
   * not everyday English either: names of models, tools and methods the lesson never mentions
   * ("qlora", "vllm", "7b"). Quantities ("50k") are not terms.
   */
  @Override
  public List<String> specificUnknownWords(String question) {
    List<String> out = new ArrayList<>();
    Matcher m = QUESTION_WORD.matcher(LucenePassageRetriever.bounded(question).toLowerCase(Locale.ROOT));
    while (m.find()) {
      String word = m.group();
      if (MODEL_SIZE.matcher(word).matches()) {
        // "7b", "70B": a model's size names a model the lesson never mentions
        out.add(word);
        continue;
      }
      for (String part : word.split("-")) {
        if (part.length() <= 2 || QUANTITY.matcher(part).matches() || part.chars().allMatch(Character::isDigit)
            || CHAT_WORDS.contains(part) || common(part) || typo(part) || compound(part)) {
          continue;
        }
        List<String> terms = LessonAnalyzers.terms(analyzer, part);
        if (!terms.isEmpty() && terms.stream().noneMatch(this::knows)) {
          out.add(part);
        }
      }
    }
    return out;
  }

  /**
   * "shoud", "frist", "beter", "ful": one letter added, dropped, changed or swapped from an everyday
   * word with the same first letter, never a word without a vowel (found through the words'
   * one-letter deletions, so it costs a few set look-ups).
   */
  private static boolean typo(String word) {
    // "gdpr", "rlhf", "vllm": a word without a vowel is an abbreviation; a typo seldom drops every vowel
    if (word.length() < 3 || word.chars().noneMatch(c -> "aeiouy".indexOf(c) >= 0)) {
      return false;
    }
    if (isDeletion(word)) {
      return true;
    }
    if (word.length() < 4) {
      return false;
    }
    for (String d : deletions(word)) {
      if (COMMON.contains(d) || isDeletion(d)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDeletion(String word) {
    return java.util.Arrays.binarySearch(DELETIONS, word.hashCode()) >= 0;
  }

  /** "helpdesk", "overkill": two everyday words run together. */
  private static boolean compound(String word) {
    for (int i = 3; i <= word.length() - 3; i++) {
      if (COMMON.contains(word.substring(0, i)) && COMMON.contains(word.substring(i))) {
        return true;
      }
    }
    return false;
  }

  /** The word with one letter left out, never its first: a typo seldom changes the first letter ("qlora" is not "flora"). */
  private static List<String> deletions(String word) {
    List<String> out = new ArrayList<>(word.length());
    for (int i = 1; i < word.length(); i++) {
      out.add(word.substring(0, i) + word.substring(i + 1));
    }
    return out;
  }

  private static boolean common(String word) {
    return COMMON.contains(word) || word.endsWith("s") && COMMON.contains(word.substring(0, word.length() - 1))
        || word.endsWith("es") && COMMON.contains(word.substring(0, word.length() - 2));
  }

  private static Set<String> commonWords() {
    try (var in = LessonVocabulary.class.getResourceAsStream(COMMON_WORDS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the embedding model's tokenizer vocabulary " + COMMON_WORDS_RESOURCE + " is not on the class path");
      }
      var vocab = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("model").path("vocab");
      Set<String> common = new HashSet<>();
      vocab.fieldNames().forEachRemaining(w -> {
        // whole words only: "##ing" is a piece, "[CLS]" a marker, one letter says nothing
        if (w.length() > 1 && w.chars().allMatch(Character::isLetter)) {
          common.add(w);
        }
      });
      return Set.copyOf(common);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + COMMON_WORDS_RESOURCE, e);
    }
  }

  /** How many leading letters two words must share to count as one root ("experimentation", "experiments"). */
  static final int ROOT_LETTERS = 6;

  /** True when the lessons use the term, or a word of the same root ({@value #ROOT_LETTERS} leading letters). */
  @Override
  public boolean knowsRoot(String term) {
    if (knows(term)) {
      return true;
    }
    if (term.length() < ROOT_LETTERS) {
      return false;
    }
    String root = term.substring(0, ROOT_LETTERS);
    String next = sorted.ceiling(root);
    return next != null && next.startsWith(root);
  }

  @Override
  public boolean knows(String term) {
    return words.contains(term);
  }

  /** How few letters a word may have to be corrected: shorter ones are too often another word ("rag", "rank"). */
  static final int MIN_CORRECTED_LETTERS = 4;
  private static final Pattern TYPED_WORD = Pattern.compile("\\p{L}+");

  @Override
  public String corrected(String text) {
    Matcher m = TYPED_WORD.matcher(text);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      String word = m.group().toLowerCase(Locale.ROOT);
      if (word.length() < MIN_CORRECTED_LETTERS || common(word) || CHAT_WORDS.contains(word)) {
        continue;
      }
      List<String> terms = LessonAnalyzers.terms(analyzer, word);
      if (terms.size() != 1 || knows(terms.get(0))) {
        continue;
      }
      String stem = terms.get(0);
      String fix = nearestTerm(stem, 1);
      if (fix == null && stem.length() >= MIN_TWO_EDIT_LETTERS) {
        fix = nearestTerm(stem, 2);
      }
      // "summarize" beside "summary" is another form of one word, not a typo: leave it to the stemmer,
      // unless a letter dropped or doubled at the word's end is all that parts them ("finetunin", "ragg")
      if (fix != null && (fix.startsWith(stem) || stem.startsWith(fix))) {
        fix = endTypoOf(word, fix);
      }
      if (fix == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 8);
      }
      out.append(text, last, m.start()).append(fix);
      last = m.end();
    }
    return out == null ? text : out.append(text, last, text.length()).toString();
  }

  /**
   * How few letters a word's stem must have to be corrected across two edits ("fintunnig"): a short
   * word two edits from a lesson term is as often another word ("qlora" is not "lora").
   */
  static final int MIN_TWO_EDIT_LETTERS = 7;

  /**
   * The one lesson term with {@code stem}'s first letter exactly {@code edits} edits away (letters
   * added, dropped, changed, or two neighbours swapped: Lucene's Levenshtein automaton, the one
   * {@code FuzzyQuery} runs), or null when none or several.
   */
  private String nearestTerm(String stem, int edits) {
    String from = stem.substring(0, 1);
    Automaton near = new LevenshteinAutomata(
        stem.substring(1), true).toAutomaton(edits, from);
    Automaton nearer = edits == 1 ? null : new LevenshteinAutomata(
        stem.substring(1), true).toAutomaton(edits - 1, from);
    String found = null;
    for (String known : sorted.subSet(from, true, from + Character.MAX_VALUE, true)) {
      if (Math.abs(known.length() - stem.length()) <= edits && known.length() >= MIN_CORRECTED_LETTERS - 1
          && !known.equals(stem) && known.chars().allMatch(Character::isLetter)
          && Operations.run(near, known)
          && (nearer == null || !Operations.run(nearer, known))) {
        if (found != null && !found.equals(known)) {
          return null;
        }
        found = known;
      }
    }
    return found;
  }

  /**
   * The word {@code typed} with its last letter dropped or one letter added at its end, when that
   * word's stem is {@code term} ("ragg" → "rag", "finetunin" → "finetuning"), or null: a word that merely
   * shares a stem's beginning ("summarize", "summary") is another form, not a typo.
   */
  private String endTypoOf(String typed, String term) {
    List<String> candidates = new ArrayList<>();
    candidates.add(typed.substring(0, typed.length() - 1));
    for (char c = 'a'; c <= 'z'; c++) {
      candidates.add(typed + c);
    }
    for (String candidate : candidates) {
      List<String> stems = LessonAnalyzers.terms(analyzer, candidate);
      if (stems.size() == 1 && stems.get(0).equals(term)) {
        return candidate;
      }
    }
    return null;
  }
}
