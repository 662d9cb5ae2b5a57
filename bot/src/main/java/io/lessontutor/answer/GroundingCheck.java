package io.lessontutor.answer;

import io.lessontutor.search.LessonAnalyzers;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.lessontutor.search.MiniLmEmbeddingModel;
import io.lessontutor.knowledge.Passage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Decides whether a language-model answer says only what the passages say. Every sentence must
 * be supported on its own:
 *
 * <ul>
 *   <li><b>lexical overlap</b>: at least {@link #MIN_OVERLAP} of its content words (stop words
 *       dropped, Porter-stemmed) occur in the passages;
 *   <li><b>similarity</b>: its MiniLM embedding has cosine similarity of at least
 *       {@link #MIN_SIMILARITY} with the best-matching passage (or with all passages joined, for a
 *       sentence that sums up two of them);
 *   <li><b>numbers and names</b>: every number (digits, percentages, number words such as
 *       "five") and every name (an acronym or a word with inner capitals anywhere, a capitalised
 *       word anywhere but at the start of the sentence) appears in the passages.
 * </ul>
 *
 * <p>How the thresholds were chosen is written down in {@code docs/llm-grounding.md}: they were
 * calibrated on {@code bot/src/test/resources/llm/replays.yaml} (grounded answers and
 * hallucinated variants of each) and set with a margin below the lowest grounded sentence.
 *
 * <p>Thread-safe. Passage embeddings are cached by text, so a check costs one embedding per
 * sentence.
 */
public final class GroundingCheck {

  /** Share of a sentence's content words that must occur in the passages. */
  public static final double MIN_OVERLAP = 0.6;
  /** Cosine similarity a sentence needs with its best passage. */
  public static final double MIN_SIMILARITY = 0.30;
  /** A "sentence" this short is judged together with the next one. */
  public static final int FRAGMENT_WORDS = 3;
  /** The prompt asks for at most this many sentences; more is a failed check. */
  public static final int MAX_SENTENCES = 3;

  /** Passage sets and passage embeddings kept; a lesson yields far fewer. */
  private static final int CACHE_LIMIT = 10_000;

  /** Words a tutor uses to frame an answer; they say nothing about the lesson itself. */
  private static final CharArraySet FRAMING_WORDS = new CharArraySet(List.of(
      "lesson", "lessons", "tutor", "say", "says", "said", "put", "puts", "short", "simply",
      "basically", "really", "just", "also", "so", "here", "means", "idea", "point", "you", "your",
      "yours", "we", "our", "us", "i", "me", "my", "it's", "its", "can", "could", "should", "would",
      "will", "may", "might", "do", "does", "did", "than", "rather", "more", "most", "very",
      "which", "what", "when", "how", "why", "who", "these", "those", "this", "that", "one", "ones",
      "thing", "things", "way", "about", "from", "over", "out", "up", "all", "any", "some"), true);

  private static final Set<String> NUMBER_WORDS = Set.of(
      "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
      "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
      "thousand", "million", "billion", "trillion", "dozen", "half", "twice", "double", "triple",
      "percent", "quarter");

  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");
  private static final Pattern CAPITALISED = Pattern.compile("\\p{Lu}[\\p{Ll}\\p{N}]+");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])[\"”’)]*\\s+");
  /** Text that could ping people or point elsewhere; the lesson has none of it. */
  private static final Pattern UNSAFE = Pattern.compile("[<>@]|https?://|www\\.|\\[[^]]*]\\(", Pattern.CASE_INSENSITIVE);
  private static final Pattern ABBREVIATIONS = Pattern.compile("\\b(e\\.g|i\\.e|etc|vs|cf)\\.", Pattern.CASE_INSENSITIVE);

  private final EmbeddingModel embeddings;
  private final Analyzer analyzer = new EnglishAnalyzer(ignoredWords());
  private final Map<String, float[]> passageVectors = new ConcurrentHashMap<>();
  private final Map<String, Evidence> evidenceCache = new ConcurrentHashMap<>();

  /** With the in-process quantized all-MiniLM-L6-v2 model (loads in about a second). */
  public GroundingCheck() {
    this(new MiniLmEmbeddingModel());
  }

  public GroundingCheck(EmbeddingModel embeddings) {
    this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
  }

  /** How one sentence fared. {@code failure} is null when it is supported. */
  public record SentenceVerdict(
      String sentence, double overlap, double similarity, String bestPassage,
      List<String> unsupportedTerms, FallbackReason failure) {
    public SentenceVerdict {
      unsupportedTerms = List.copyOf(unsupportedTerms);
    }

    public boolean supported() {
      return failure == null;
    }
  }

  /** How a whole answer fared: the first failure, if any, and every sentence's scores. */
  public record Verdict(List<SentenceVerdict> sentences, FallbackReason failure, String detail) {
    public Verdict {
      sentences = List.copyOf(sentences);
    }

    public boolean grounded() {
      return failure == null;
    }
  }

  /** Checks a whole answer: each sentence, and that there are at most {@link #MAX_SENTENCES}. */
  public Verdict check(String answer, List<Passage> passages) {
    List<String> sentences = sentences(answer);
    if (sentences.isEmpty()) {
      return new Verdict(List.of(), FallbackReason.EMPTY, "no text");
    }
    List<SentenceVerdict> verdicts = new ArrayList<>();
    for (String sentence : sentences) {
      SentenceVerdict v = checkSentence(sentence, passages);
      verdicts.add(v);
      if (!v.supported()) {
        return new Verdict(verdicts, v.failure(), describe(v));
      }
    }
    if (sentences.size() > MAX_SENTENCES) {
      return new Verdict(verdicts, FallbackReason.TOO_LONG, sentences.size() + " sentences");
    }
    return new Verdict(verdicts, null, null);
  }

  /** Checks one sentence against the passages. */
  public SentenceVerdict checkSentence(String sentence, List<Passage> passages) {
    if (passages.isEmpty()) {
      return new SentenceVerdict(sentence, 0, 0, null, List.of(), FallbackReason.UNGROUNDED);
    }
    if (UNSAFE.matcher(sentence).find()) {
      return new SentenceVerdict(sentence, 0, 0, null, List.of(), FallbackReason.UNSAFE_TEXT);
    }
    Evidence evidence = evidence(passages);

    List<String> numbers = unsupportedNumbers(sentence, evidence);
    if (!numbers.isEmpty()) {
      return new SentenceVerdict(sentence, 0, 0, null, numbers, FallbackReason.UNSUPPORTED_NUMBER);
    }
    List<String> names = unsupportedNames(sentence, evidence.words());
    if (!names.isEmpty()) {
      return new SentenceVerdict(sentence, 0, 0, null, names, FallbackReason.UNSUPPORTED_NAME);
    }

    List<String> content = stems(sentence);
    List<String> missing = content.stream().filter(s -> !evidence.stems().contains(s)).distinct().toList();
    double overlap = content.isEmpty() ? 1.0
        : 1.0 - (double) content.stream().filter(s -> !evidence.stems().contains(s)).count() / content.size();
    if (overlap < MIN_OVERLAP) {
      // Already unsupported: spare the embedding.
      return new SentenceVerdict(sentence, overlap, 0, null, missing, FallbackReason.UNGROUNDED);
    }

    float[] vector = embed(sentence);
    double best = cosine(vector, passageVector(evidence.text()));
    String bestPassage = passages.get(0).id();
    for (Passage p : passages) {
      double similarity = cosine(vector, passageVector(p.text()));
      if (similarity > best) {
        best = similarity;
        bestPassage = p.id();
      }
    }
    FallbackReason failure = best >= MIN_SIMILARITY ? null : FallbackReason.UNGROUNDED;
    return new SentenceVerdict(sentence, overlap, best, bestPassage, missing, failure);
  }

  /** What a set of passages offers: their words, stems and numbers, worked out once per set. */
  private record Evidence(String text, Set<String> words, Set<String> stems, Set<String> numbers) {
  }

  private Evidence evidence(List<Passage> passages) {
    String text = String.join("\n", passages.stream().map(Passage::text).toList());
    Evidence known = evidenceCache.get(text);
    if (known != null) {
      return known;
    }
    Set<String> numbers = new HashSet<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      numbers.add(m.group().replace(",", ""));
    }
    Evidence evidence = new Evidence(text, Set.copyOf(lowerWords(text)), Set.copyOf(stems(text)), Set.copyOf(numbers));
    if (evidenceCache.size() > CACHE_LIMIT) {
      // One lesson gives few distinct passage sets; a full cache means something unusual, so start over.
      evidenceCache.clear();
      passageVectors.clear();
    }
    evidenceCache.put(text, evidence);
    return evidence;
  }

  /**
   * Splits text into sentences, keeping "e.g." and the like inside their sentence. A fragment of
   * at most {@value #FRAGMENT_WORDS} words ("No.", "Not always.") carries no checkable claim of
   * its own, so it stays joined to the sentence after it and is judged with it.
   */
  public static List<String> sentences(String text) {
    String protectedText = ABBREVIATIONS.matcher(text.strip()).replaceAll("$1\u0000");
    List<String> out = new ArrayList<>();
    String carried = "";
    for (String part : SENTENCE_END.split(protectedText)) {
      String sentence = part.replace('\u0000', '.').strip();
      if (sentence.isEmpty()) {
        continue;
      }
      sentence = carried.isEmpty() ? sentence : carried + " " + sentence;
      if (wordCount(sentence) <= FRAGMENT_WORDS) {
        carried = sentence;
      } else {
        out.add(sentence);
        carried = "";
      }
    }
    if (!carried.isEmpty()) {
      out.add(carried);
    }
    return out;
  }

  private static int wordCount(String text) {
    int count = 0;
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      count++;
    }
    return count;
  }

  private static String describe(SentenceVerdict v) {
    return String.format(Locale.ROOT, "\"%s\" overlap=%.2f similarity=%.2f terms=%s",
        v.sentence(), v.overlap(), v.similarity(), v.unsupportedTerms());
  }

  private static List<String> unsupportedNumbers(String sentence, Evidence evidence) {
    Set<String> missing = new LinkedHashSet<>();
    Matcher m = NUMBER.matcher(sentence);
    while (m.find()) {
      if (!evidence.numbers().contains(m.group().replace(",", ""))) {
        missing.add(m.group());
      }
    }
    for (String word : lowerWords(sentence)) {
      if (NUMBER_WORDS.contains(word) && !evidence.words().contains(word)) {
        missing.add(word);
      }
    }
    return List.copyOf(missing);
  }

  private static List<String> unsupportedNames(String sentence, Set<String> evidenceWords) {
    Set<String> missing = new LinkedHashSet<>();
    Matcher words = WORD.matcher(sentence);
    boolean first = true;
    while (words.find()) {
      String word = words.group();
      boolean name = looksLikeAName(word)
          || !first && CAPITALISED.matcher(word).matches() && !word.equals("I");
      first = false;
      if (name) {
        for (String piece : word.toLowerCase(Locale.ROOT).split("[-'’]")) {
          if (!piece.isEmpty() && !evidenceWords.contains(piece) && !piece.equals("s")) {
            missing.add(word);
          }
        }
      }
    }
    return List.copyOf(missing);
  }

  /** An acronym or a word with inner capitals or digits beside letters: RAG, LoRA, GPT-4, OpenAI. */
  private static boolean looksLikeAName(String word) {
    boolean letter = false;
    boolean digit = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (i > 0 && Character.isUpperCase(c)) {
        return true;
      }
      letter |= Character.isLetter(c);
      digit |= Character.isDigit(c);
    }
    return letter && digit;
  }

  private static CharArraySet ignoredWords() {
    CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
    words.addAll(FRAMING_WORDS);
    return CharArraySet.unmodifiableSet(words);
  }

  /** Lower-cased words, and the pieces of hyphenated ones ("fine-tuning", "fine", "tuning"). */
  private static Set<String> lowerWords(String text) {
    Set<String> words = new HashSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group());
      for (String piece : m.group().split("[-'’]")) {
        words.add(piece);
      }
    }
    return words;
  }

  /** Content words, stemmed: stop words and framing words dropped. */
  private List<String> stems(String text) {
    return LessonAnalyzers.terms(analyzer, text);
  }

  private float[] passageVector(String text) {
    return passageVectors.computeIfAbsent(text, this::embed);
  }

  private float[] embed(String text) {
    return embeddings.embed(text).content().vector();
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
