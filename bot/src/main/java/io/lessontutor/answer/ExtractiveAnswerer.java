package io.lessontutor.answer;

import io.lessontutor.knowledge.Lesson;
import io.lessontutor.knowledge.LessonFileParser;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.Passage;
import io.lessontutor.search.PassageRetriever;
import io.lessontutor.search.QuestionIntent;
import io.lessontutor.search.ScoredPassage;
import io.lessontutor.search.Vocabulary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers from the lesson's own words, with no language model and no network: one or two
 * passages, each framed so that it reads as a sentence, at most {@value #MAX_WORDS} words, then
 * the source. Declines kindly when the {@link RelevanceGate} says the lesson does not cover the
 * question, and answers greetings and thanks briefly. A reply never repeats what was asked: it is
 * made of lesson text and fixed frames only, so nothing a person typed can come back as a ping
 * (the Slack layer's {@code SafeText} guards every post as well). Thread-safe.
 */
public final class ExtractiveAnswerer implements Answerer {

  /** The most words an answer's sentences may have, the source line not counted. */
  public static final int MAX_WORDS = 60;
  /** The most sentences an answer may have. */
  public static final int MAX_SENTENCES = 3;
  /** A second passage joins the answer only when it scores at least this share of the best one. */
  static final double SECOND_PASSAGE_SHARE = 0.95;
  static final String NAME = "extractive";

  /** The frames put around a passage: {@code %1$s} is the section, {@code %2$s} the passage text. */
  static final List<String> BULLET_FRAMES = List.of(
      "Under “%1$s”, the lesson lists: %2$s.",
      "The lesson's “%1$s” section says: %2$s.",
      "From “%1$s” in the lesson: %2$s.");
  static final List<String> PARAGRAPH_FRAMES = List.of(
      "Here's what the lesson says: %2$s",
      "The lesson puts it plainly: %2$s",
      "In short, the lesson says: %2$s");
  /** {@code %1$s} is the related lesson's title. */
  static final List<String> RELATED_FRAMES = List.of(
      "That's in a related lesson, “%1$s”: %2$s",
      "The related lesson “%1$s” sums it up: %2$s");
  static final List<String> TERM_FRAMES = List.of(
      "From the lesson's key terms: %2$s",
      "The lesson's key terms put it this way: %2$s");
  static final String SECOND_FRAME = "It also says: %2$s";
  static final String SECOND_BULLET_FRAME = "It also lists, under “%1$s”: %2$s.";

  private final PassageRetriever retriever;
  private final RelevanceGate gate;
  private final boolean hybrid;
  private final LessonLibrary library;
  private final Lesson lesson;
  /** The lesson's one-line summary: the answer to "what is this lesson about?". */
  private final Passage overview;

  /**
   * @param hybrid whether the retriever fills in embedding similarities (else the gate uses BM25)
   */
  public ExtractiveAnswerer(LessonLibrary library, PassageRetriever retriever, Vocabulary vocabulary, boolean hybrid) {
    this.retriever = retriever;
    this.gate = new RelevanceGate(vocabulary);
    this.hybrid = hybrid;
    this.library = library;
    this.lesson = library.lessons().get(0);
    this.overview = lesson.passages().get(0);
  }

  @Override
  public Answer answer(Question question) {
    long start = System.nanoTime();
    Answer answer = compose(question);
    return answer.withMillis((System.nanoTime() - start) / 1_000_000);
  }

  private Answer compose(Question question) {
    String text = question.text().strip();
    var smallTalk = SmallTalk.classify(text);
    if (smallTalk.isPresent()) {
      return new Answer(text, smallTalkReply(smallTalk.get()), Answer.Kind.SMALL_TALK, List.of(), 0, NAME, null);
    }
    if (text.isEmpty() || InjectionGuard.isInjection(text)) {
      return refusal(text);
    }
    if (QuestionIntent.isOverview(text)) {
      return answerFrom(text, List.of(new ScoredPassage(overview, 1, 0, 1)));
    }
    List<ScoredPassage> found = retriever.retrieve(text, 3);
    if (gate.covers(text, found, hybrid)) {
      return answerFrom(text, found);
    }
    if (question.previous() == null) {
      return refusal(text);
    }
    // a follow-up such as "and why?" makes sense only with the question before it
    String withContext = question.previous().strip() + " " + text;
    List<ScoredPassage> withPrevious = retriever.retrieve(withContext, 3);
    return gate.covers(withContext, withPrevious, hybrid) ? answerFrom(text, withPrevious) : refusal(text);
  }

  private Answer answerFrom(String question, List<ScoredPassage> found) {
    int variant = Math.floorMod(question.hashCode(), 1_000);
    Passage best = found.get(0).passage();
    if (best.kind() == Passage.Kind.BULLET && QuestionIntent.isList(question)) {
      Optional<Answer> list = wholeList(question, best, variant);
      if (list.isPresent()) {
        return list.get();
      }
    }
    String first = frame(best, variant);
    List<Passage> used = new ArrayList<>(List.of(best));
    StringBuilder body = new StringBuilder(first);
    if (found.size() > 1) {
      ScoredPassage next = found.get(1);
      Passage second = next.passage();
      boolean strong = next.score() >= SECOND_PASSAGE_SHARE * found.get(0).score();
      boolean adds = second.kind() != Passage.Kind.TERM && best.kind() != Passage.Kind.TERM
          && !best.section().equals(LessonFileParser.ABOUT_SECTION) && !second.section().equals(LessonFileParser.ABOUT_SECTION)
          && !second.text().equals(best.text());
      String extra = second.kind() == Passage.Kind.BULLET
          ? String.format(SECOND_BULLET_FRAME, second.section(), trimEnd(second.text()))
          : String.format(SECOND_FRAME, second.section(), sentence(fitting(second.text(), 0)));
      boolean fits = words(first) + words(extra) <= MAX_WORDS && sentences(first) + sentences(extra) <= MAX_SENTENCES;
      if (strong && adds && fits) {
        body.append(' ').append(extra);
        used.add(second);
      }
    }
    String reply = body + "\n" + sourceLine(best);
    return new Answer(question, reply, Answer.Kind.ANSWERED, used.stream().map(Source::of).toList(), 0, NAME, null);
  }

  /** Every bullet of the best passage's section, best first, when they fit in one answer. */
  private Optional<Answer> wholeList(String question, Passage best, int variant) {
    List<Passage> items = new ArrayList<>(List.of(best));
    library.passages().stream()
        .filter(p -> p.kind() == Passage.Kind.BULLET && p.lessonId().equals(best.lessonId())
            && p.section().equals(best.section()) && !p.equals(best))
        .forEach(items::add);
    String joined = items.stream().map(p -> trimEnd(p.text())).collect(Collectors.joining("; "));
    String body = String.format(pick(BULLET_FRAMES, variant), best.section(), joined);
    if (items.size() < 2 || words(body) > MAX_WORDS) {
      return Optional.empty();
    }
    String reply = body + "\n" + sourceLine(best);
    return Optional.of(new Answer(question, reply, Answer.Kind.ANSWERED, items.stream().map(Source::of).toList(), 0, NAME, null));
  }

  /** The passage as a sentence in the tutor's voice, cut to whole sentences within the word limit. */
  private static String frame(Passage p, int variant) {
    String text = fitting(p.text(), MAX_WORDS - 12);
    return switch (p.kind()) {
      case BULLET -> String.format(pick(BULLET_FRAMES, variant), p.section(), trimEnd(text));
      case PARAGRAPH -> String.format(pick(PARAGRAPH_FRAMES, variant), p.section(), sentence(text));
      case RELATED -> String.format(pick(RELATED_FRAMES, variant), p.relatedLesson(), sentence(text));
      case TERM -> String.format(pick(TERM_FRAMES, variant), p.section(), sentence(text));
    };
  }

  static String sourceLine(Passage p) {
    String where = p.relatedLesson() == null ? p.citation() : p.citation() + " (“" + p.relatedLesson() + "”)";
    return Answer.SOURCE_PREFIX + where;
  }

  private String smallTalkReply(SmallTalk.Kind kind) {
    return switch (kind) {
      case GREETING -> "Hi! I'm the tutor for “" + lesson.title() + "”. Ask me anything about it, for example "
          + suggestions() + ".";
      case THANKS -> "You're welcome. Happy to help with anything else in the lesson.";
      case HELP -> "I answer questions about “" + lesson.title() + "” using just the lesson: " + lesson.scope()
          + ". Try " + suggestions() + ".";
    };
  }

  private Answer refusal(String question) {
    String reply = "Sorry, I can't find that in the lesson, and I'd rather not guess. I can help with "
        + lesson.scope() + "." + (lesson.suggestedQuestions().isEmpty() ? "" : " You could ask " + suggestions() + ".");
    return new Answer(question, reply, Answer.Kind.REFUSED, List.of(), 0, NAME, null);
  }

  private String suggestions() {
    List<String> quoted = lesson.suggestedQuestions().stream().map(q -> "“" + q + "”").toList();
    if (quoted.size() <= 1) {
      return String.join("", quoted);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
  }

  private static String pick(List<String> frames, int variant) {
    return frames.get(variant % frames.size());
  }

  /** Whole sentences from the start of the text, as many as fit in {@code maxWords}; at least one. */
  static String fitting(String text, int maxWords) {
    String[] sentences = text.split("(?<=[.!?])\\s+");
    StringBuilder out = new StringBuilder(sentences[0]);
    for (int i = 1; i < sentences.length && words(out + " " + sentences[i]) <= maxWords; i++) {
      out.append(' ').append(sentences[i]);
    }
    return out.toString();
  }

  static int sentences(String text) {
    return text.strip().split("(?<=[.!?])\\s+(?=[A-Z“])").length;
  }

  private static String sentence(String text) {
    String t = text.strip();
    return t.matches(".*[.!?]$") ? t : t + ".";
  }

  private static String trimEnd(String text) {
    return text.strip().replaceAll("[.;:,]+$", "");
  }

  static int words(String text) {
    String t = text.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  /** Every word the frames add around passage text, for checking that answers say nothing else. */
  static Set<String> frameWords() {
    List<String> all = new ArrayList<>();
    all.addAll(BULLET_FRAMES);
    all.addAll(PARAGRAPH_FRAMES);
    all.addAll(RELATED_FRAMES);
    all.addAll(TERM_FRAMES);
    all.add(SECOND_FRAME);
    all.add(SECOND_BULLET_FRAME);
    all.add("Source:");
    return all.stream()
        .flatMap(f -> java.util.Arrays.stream(f.replaceAll("%\\d\\$s", " ").split("[^\\p{L}']+")))
        .filter(w -> !w.isBlank())
        .map(String::toLowerCase)
        .collect(Collectors.toCollection(HashSet::new));
  }
}
