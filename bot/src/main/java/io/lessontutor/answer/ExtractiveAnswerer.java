package io.lessontutor.answer;

import io.lessontutor.knowledge.Lesson;
import io.lessontutor.knowledge.LessonFileParser;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.Passage;
import io.lessontutor.search.LucenePassageRetriever;
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
 * Answers from the lesson's own words, with no language model and no network: the composer at the
 * end of the {@link AnswerPipeline}. It gets the passages the gate approved and nothing else: one
 * or two, each framed so that it reads as a sentence (a bullet with a {@code says:} line is said
 * in that sentence, never shown bare), at most {@value #MAX_WORDS} words, then the source; a
 * stance first for a yes/no question when the lesson supports one ({@link Stance}). Declines
 * kindly, and answers greetings and thanks briefly. A reply never repeats what was asked: it is
 * made of lesson text and fixed frames only, so nothing a person typed can come back as a ping
 * (the Slack layer's {@code SafeText} guards every post as well). Thread-safe.
 */
public final class ExtractiveAnswerer implements Answerer {

  /** The most words an answer's sentences may have, the source line not counted. */
  public static final int MAX_WORDS = 60;
  /** The most sentences an answer may have. */
  public static final int MAX_SENTENCES = 3;
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

  /** What a "how much / how many" answer says first when the lesson gives no number. */
  static final String NO_NUMBER = "The lesson gives no number.";
  /** The frames put around a passage's {@code says:} sentence, which reads on its own. */
  static final List<String> SAYS_FRAMES = List.of(
      "%2$s",
      "The lesson is clear on this: %2$s",
      "As the lesson puts it under “%1$s”: %2$s");
  private static final java.util.regex.Pattern HOW_MUCH =
      java.util.regex.Pattern.compile("(?i)\\bhow (much|many|big|large|long|fast|often)\\b");

  private final AnswerPipeline pipeline;
  private final Vocabulary vocabulary;
  private final LessonLibrary library;
  /** How many suggested questions a greeting, help or decline offers. */
  static final int SUGGESTIONS = 3;

  public ExtractiveAnswerer(LessonLibrary library, PassageRetriever retriever, Vocabulary vocabulary) {
    this(new AnswerPipeline(library, retriever, vocabulary), vocabulary);
  }

  public ExtractiveAnswerer(AnswerPipeline pipeline, Vocabulary vocabulary) {
    this.pipeline = pipeline;
    this.vocabulary = vocabulary;
    this.library = pipeline.library();
    this.concepts = library.passages().stream()
        .filter(p -> p.kind() == Passage.Kind.TERM)
        .map(p -> vocabulary.topicTerms(p.text().substring(0, Math.max(0, p.text().indexOf(':')))))
        .filter(t -> !t.isEmpty())
        .toList();
  }

  /** The terms of each glossary entry's name: the lessons' concepts. */
  private final List<List<String>> concepts;

  public AnswerPipeline pipeline() {
    return pipeline;
  }

  @Override
  public Answer answer(Question question) {
    long start = System.nanoTime();
    Answer answer = compose(pipeline.judge(question));
    return answer.withMillis((System.nanoTime() - start) / 1_000_000);
  }

  /** The reply for a judged question, from the approved passages only. */
  public Answer compose(AnswerPipeline.Judgement judgement) {
    String text = judgement.question().text().strip();
    String reason = judgement.verdict().reason();
    // what the pipeline read of a long question, its typos put right, is all the composer reads too
    String read = pipeline.read(judgement.question());
    if (judgement.route() == AnswerPipeline.Route.SMALL_TALK) {
      return new Answer(text, smallTalkReply(SmallTalk.classify(LucenePassageRetriever.bounded(text)).orElseThrow()), Answer.Kind.SMALL_TALK, List.of(), 0,
          NAME, null, reason, List.of());
    }
    if (!judgement.verdict().covered()) {
      return refusal(text, reason, judgement.near());
    }
    // "is that expensive?" after "when does fine-tuning make sense?": the stance reads "that" as the earlier topic
    String referent = judgement.route() == AnswerPipeline.Route.FOLLOW_UP && FollowUp.refersBack(read)
        ? pipeline.inLessonWords(judgement.question().previous()) : null;
    Answer answer = answerFrom(read, AnswerPipeline.asksWhatItCannotDo(text), referent, judgement.approved(), reason);
    return new Answer(text, answer.text(), answer.kind(), answer.sources(), 0, NAME, null, reason,
        judgement.passages());
  }

  private Answer answerFrom(String question, boolean limits, String referent, List<ScoredPassage> found, String reason) {
    int variant = Math.floorMod(question.hashCode(), 1_000);
    Passage best = found.get(0).passage();
    List<Passage> approved = found.stream().map(ScoredPassage::passage).toList();
    String opening = opening(question, referent, approved);
    if (best.kind() == Passage.Kind.BULLET && (limits && best.says() != null || QuestionIntent.isList(question))) {
      Optional<Answer> list = wholeList(question, best, variant, opening);
      if (list.isPresent()) {
        return list.get();
      }
    }
    String first = opening + frame(best, variant);
    List<Passage> used = new ArrayList<>(List.of(best));
    StringBuilder body = new StringBuilder(first);
    if (found.size() > 1) {
      Passage second = found.get(1).passage();
      String extra = second.says() != null ? second.says()
          : second.kind() == Passage.Kind.BULLET
              ? String.format(SECOND_BULLET_FRAME, second.section(), trimEnd(second.text()))
              : String.format(SECOND_FRAME, second.section(), sentence(fitting(second.text(), 0)));
      boolean fits = words(first) + words(extra) <= MAX_WORDS && sentences(first) + sentences(extra) <= MAX_SENTENCES;
      if (fits) {
        body.append(' ').append(extra);
        used.add(second);
      }
    }
    String reply = body + "\n" + sourceLine(best);
    return new Answer(question, reply, Answer.Kind.ANSWERED, used.stream().map(Source::of).toList(), 0, NAME, null, reason, approved);
  }

  /**
   * What the answer opens with: the stance for a yes/no or either/or question, and for "how much /
   * how many" a plain statement that the lesson gives no number when its passages hold none.
   */
  private String opening(String question, String referent, List<Passage> approved) {
    String open = Stance.decide(question, referent, approved, vocabulary, concepts).map(s -> s.opener() + Stance.SEPARATOR).orElse("");
    boolean noNumber = approved.stream().noneMatch(p -> p.meaning().matches("(?s).*\\d.*"));
    if (HOW_MUCH.matcher(question).find() && noNumber && !isAboutTheLessonHeader(approved)) {
      open = open + NO_NUMBER + " ";
    }
    return open;
  }

  private static boolean isAboutTheLessonHeader(List<Passage> approved) {
    return approved.get(0).section().equals(LessonFileParser.ABOUT_SECTION);
  }

  /** Every bullet of the best passage's section, best first, when they fit in one answer. */
  private Optional<Answer> wholeList(String question, Passage best, int variant, String opening) {
    List<Passage> items = new ArrayList<>(List.of(best));
    library.passages().stream()
        .filter(p -> p.kind() == Passage.Kind.BULLET && p.lessonId().equals(best.lessonId())
            && p.section().equals(best.section()) && !p.equals(best))
        .forEach(items::add);
    boolean says = items.stream().allMatch(p -> p.says() != null);
    String body = opening + (says
        ? items.stream().map(Passage::says).collect(Collectors.joining(" "))
        : String.format(pick(BULLET_FRAMES, variant), best.section(),
            items.stream().map(p -> trimEnd(p.text())).collect(Collectors.joining("; "))));
    if (items.size() < 2 || words(body) > MAX_WORDS) {
      return Optional.empty();
    }
    String reply = body + "\n" + sourceLine(best);
    return Optional.of(new Answer(question, reply, Answer.Kind.ANSWERED, items.stream().map(Source::of).toList(), 0, NAME, null,
        null, items));
  }

  /** The passage as a sentence in the tutor's voice, cut to whole sentences within the word limit. */
  private static String frame(Passage p, int variant) {
    if (p.says() != null) {
      return String.format(pick(SAYS_FRAMES, variant), p.section(), p.says());
    }
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
    String of = library.single() ? "in the lesson" : "in the course";
    return switch (kind) {
      case GREETING -> "Hi! I'm the tutor for " + named() + ". Ask me anything about "
          + (library.single() ? "it" : "them") + ", for example " + suggestions(library.suggestedQuestions(SUGGESTIONS)) + ".";
      case THANKS -> "You're welcome. Happy to help with anything else " + of + ".";
      case HELP -> "I answer questions about " + named() + " using just " + (library.single() ? "the lesson" : "the lessons")
          + ": " + library.scope() + ". Try " + suggestions(library.suggestedQuestions(SUGGESTIONS)) + ".";
    };
  }

  /** "“Title”" for one lesson, as today; "the course's N lessons" for several. */
  private String named() {
    return library.single() ? "“" + library.lessons().get(0).title() + "”" : library.name();
  }

  /**
   * A decline speaks for the one lesson, or in a course for the lesson in focus (the one the
   * nearest passage comes from) and then the course.
   */
  private Answer refusal(String question, String reason, List<Passage> near) {
    String reply;
    if (library.single() || near.isEmpty()) {
      List<String> asks = library.suggestedQuestions(SUGGESTIONS);
      reply = "Sorry, I can't find that in " + (library.single() ? "the lesson" : "the course's lessons")
          + ", and I'd rather not guess. I can help with " + library.scope() + "."
          + (asks.isEmpty() ? "" : " You could ask " + suggestions(asks) + ".");
    } else {
      Lesson focus = library.lessonOf(near.get(0));
      List<String> asks = focus.suggestedQuestions().stream().limit(SUGGESTIONS).toList();
      reply = "Sorry, I can't find that in the course's lessons, and I'd rather not guess. The nearest lesson,"
          + " “" + focus.title() + "”, covers " + focus.scope() + "."
          + (asks.isEmpty() ? "" : " You could ask " + suggestions(asks) + ".")
          + " The course has " + library.lessons().size() + " lessons in all.";
    }
    return new Answer(question, reply, Answer.Kind.REFUSED, List.of(), 0, NAME, null, reason, List.of());
  }

  private static String suggestions(List<String> questions) {
    List<String> quoted = questions.stream().map(q -> "“" + q + "”").toList();
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
    all.addAll(SAYS_FRAMES);
    all.add(NO_NUMBER);
    all.addAll(List.of("Yes", "No", "Usually not", "Often, yes"));
    all.add("Source:");
    return all.stream()
        .flatMap(f -> java.util.Arrays.stream(f.replaceAll("%\\d\\$s", " ").split("[^\\p{L}']+")))
        .filter(w -> !w.isBlank())
        .map(String::toLowerCase)
        .collect(Collectors.toCollection(HashSet::new));
  }
}
