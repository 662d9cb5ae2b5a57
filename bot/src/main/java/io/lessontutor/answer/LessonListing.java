package io.lessontutor.answer;

import io.lessontutor.knowledge.Lesson;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.search.LucenePassageRetriever;
import io.lessontutor.search.PassageRetriever;
import io.lessontutor.search.QuestionIntent;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * In a course of several lessons, "what lessons cover RAG?" gets the lessons whose own words
 * cover the topic, best-fitting first, each with its title and number; every other question goes
 * to the answerer it wraps. With one lesson nothing changes. The reply is made of lesson titles
 * and fixed words only: the topic as typed is never repeated. Thread-safe.
 */
public final class LessonListing implements StreamingAnswerer {

  /** The most lessons a reply lists by name. */
  static final int LISTED = 8;
  /** How many lessons are counted beyond those listed, for "and N more". */
  static final int COUNTED = 200;
  static final String NAME = "lessons";

  private final StreamingAnswerer answerer;
  private final LessonLibrary library;
  private final PassageRetriever retriever;

  public LessonListing(Answerer answerer, LessonLibrary library, PassageRetriever retriever) {
    this.answerer = StreamingAnswerer.of(answerer);
    this.library = Objects.requireNonNull(library, "library");
    this.retriever = Objects.requireNonNull(retriever, "retriever");
  }

  @Override
  public Answer answer(Question question) {
    return listing(question).orElseGet(() -> answerer.answer(question));
  }

  @Override
  public Answer answerStreaming(Question question, Consumer<String> onVerifiedText) {
    return listing(question).orElseGet(() -> answerer.answerStreaming(question, onVerifiedText));
  }

  private java.util.Optional<Answer> listing(Question question) {
    if (library.single()) {
      return java.util.Optional.empty();
    }
    java.util.Optional<String> topic = QuestionIntent.lessonsAbout(LucenePassageRetriever.bounded(question.text()));
    if (topic.isEmpty()) {
      return java.util.Optional.empty();
    }
    long start = System.nanoTime();
    List<Lesson> lessons = retriever.lessonsCovering(topic.get(), COUNTED).stream()
        .map(library::lesson).flatMap(java.util.Optional::stream).toList();
    Answer answer;
    if (lessons.isEmpty()) {
      answer = new Answer(question.text(), "Sorry, none of the course's " + library.lessons().size()
          + " lessons covers that, and I'd rather not guess. I can help with " + library.scope() + ".",
          Answer.Kind.REFUSED, List.of(), 0, NAME, null, "no lesson's words cover the topic", List.of());
    } else {
      List<String> named = lessons.stream().limit(LISTED).map(l -> "“" + l.title() + "” (lesson " + l.number() + ")").toList();
      int more = lessons.size() - named.size();
      String text = (lessons.size() == 1 ? "One lesson covers that: " : lessons.size() + (lessons.size() >= COUNTED ? " or more" : "")
          + " lessons cover that, the closest first: ") + String.join(", ", named)
          + (more > 0 ? ", and " + more + (lessons.size() >= COUNTED ? "+" : "") + " more" : "") + ". Ask me about any of them.";
      // each lesson's summary is what the listing rests on
      List<Source> sources = lessons.stream().limit(LISTED).map(l -> Source.of(l.passages().get(0))).toList();
      answer = new Answer(question.text(), text, Answer.Kind.ANSWERED, sources, 0, NAME, null,
          "it asks which lessons cover a topic", lessons.stream().limit(LISTED).map(l -> l.passages().get(0)).toList());
    }
    return java.util.Optional.of(answer.withMillis((System.nanoTime() - start) / 1_000_000));
  }
}
