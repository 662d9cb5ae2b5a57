package io.lessontutor.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * One retrievable piece of a lesson: a paragraph or a bullet, with the section it sits in.
 *
 * <p>{@code id} is stable across runs: it is made from the lesson id, the section and the
 * passage's position in that section. {@code relatedLesson} is the title of the neighbouring
 * lesson a passage speaks about (only in the "Related lessons" section), otherwise null.
 * {@code says} is the sentence the tutor says for a bullet whose meaning depends on its heading
 * ("Make a bad use case good with fine-tuning" under "What AI cannot do" says "Fine-tuning can't
 * make a bad use case good."), so such a bullet is never shown bare; null for every other passage.
 * {@code claims} are the propositions it asserts, each with its polarity, which yes/no questions
 * are matched to ({@link Claim}); empty for most passages.
 */
public record Passage(
    String id,
    String lessonId,
    String lessonTitle,
    String section,
    Kind kind,
    String text,
    String relatedLesson,
    List<String> askedAs,
    String says,
    List<Claim> claims) {

  /** What kind of text a passage is; answers frame bullet fragments differently from prose. */
  public enum Kind {
    /** A whole paragraph of prose. */
    PARAGRAPH,
    /** A bullet, often a fragment that needs its section to read as a sentence. */
    BULLET,
    /** A related lesson: its title and one-line summary. */
    RELATED,
    /** A glossary entry: a term and its definition. */
    TERM
  }

  public Passage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(lessonId, "lessonId");
    Objects.requireNonNull(lessonTitle, "lessonTitle");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("passage " + id + " has no text");
    }
    askedAs = List.copyOf(askedAs);
    claims = List.copyOf(claims);
    if (says != null && says.isBlank()) {
      throw new IllegalArgumentException("passage " + id + " has an empty 'says:' line");
    }
    if ((kind == Kind.RELATED) != (relatedLesson != null)) {
      throw new IllegalArgumentException("passage " + id + ": only related-lesson passages name a related lesson");
    }
  }

  public Passage(String id, String lessonId, String lessonTitle, String section, Kind kind, String text, String relatedLesson) {
    this(id, lessonId, lessonTitle, section, kind, text, relatedLesson, List.of(), null, List.of());
  }

  /** A copy with more ways of asking for it. */
  public Passage withAskedAs(List<String> phrasings) {
    List<String> all = new java.util.ArrayList<>(askedAs);
    all.addAll(phrasings);
    return new Passage(id, lessonId, lessonTitle, section, kind, text, relatedLesson, all, says, claims);
  }

  /** A copy that says {@code sentence} in place of its bare text. */
  public Passage withSays(String sentence) {
    return new Passage(id, lessonId, lessonTitle, section, kind, text, relatedLesson, askedAs, sentence, claims);
  }

  /** A copy that also asserts {@code more}. */
  public Passage withClaims(List<Claim> more) {
    List<Claim> all = new java.util.ArrayList<>(claims);
    all.addAll(more);
    return new Passage(id, lessonId, lessonTitle, section, kind, text, relatedLesson, askedAs, says, all);
  }

  /** What the tutor says for this passage: its {@code says} sentence when it has one, else its text. */
  public String meaning() {
    return says != null ? says : text;
  }

  /** "Lesson title › Section", the way answers cite their source. */
  public String citation() {
    return lessonTitle + " › " + section;
  }
}
