package io.lessontutor.search;

import java.util.Locale;
import java.util.regex.Pattern;

/** What kind of answer a question asks for, read from its wording. */
public final class QuestionIntent {

  /** "What is X?", "What does X mean / stand for?", "Define X", "X vs Y: the same thing?". */
  private static final Pattern DEFINITION = Pattern.compile(
      "^(what\\s+(is|are)\\s+(a\\s+|an\\s+|the\\s+)?[\\w\\-]+(\\s+[\\w\\-]+){0,2}"
          + "|define\\b.*|definition of\\b.*|meaning of\\b.*"
          + "|.*\\b(mean|means|stand for|stands for|short for|counts? as|meant by)\\b.*"
          + "|.*\\b(same thing as|difference between)\\b.*)$");

  /** "What is this lesson about?", "Summarize the lesson", "tl;dr", "What's the key takeaway?". */
  private static final Pattern OVERVIEW = Pattern.compile(
      "^(what\\s+is\\s+(this|the)\\s+lesson\\s+(about|on)"
          + "|(can you\\s+|please\\s+)?(summari[sz]e|sum up|recap)(\\s+(the|this)\\s+lesson)?(\\s+for me)?"
          + "|(give me\\s+)?(a\\s+|the\\s+)?(summary|overview|tl;?\\s?dr|recap|gist)(\\s+of\\s+(the|this)\\s+lesson)?"
          + "|what\\s+(is|are)\\s+the\\s+(main|key|big)\\s+(point|idea|takeaway|lesson)s?(\\s+of\\s+(the|this)\\s+lesson)?"
          + "|what\\s+does\\s+(the|this)\\s+lesson\\s+(say|cover|teach|argue))$");

  /** "What are the steps?", "What can't fine-tuning do?", "list the limits": wants every item of a list. */
  private static final Pattern LIST = Pattern.compile(
      ".*\\b(steps|step by step|list|all the|things|limits|limitations|downsides|drawbacks|framework"
          + "|what (can't|cannot|can not|does not|doesn't)|what are the)\\b.*");

  /** "How long is it?", "reading time", "which track?": asks for the facts of the lesson's page header. */
  private static final Pattern ABOUT = Pattern.compile(
      ".*\\b(how long|how many minutes|minutes|reading time|read time|track|what number|lesson number)\\b.*");

  /** The term a "What is X?", "What does X mean?" or "Define X" question asks about. */
  private static final Pattern SUBJECT = Pattern.compile(
      "^(?:what\\s+(?:is|are)\\s+(?:a\\s+|an\\s+|the\\s+)?|what\\s+does\\s+|define\\s+|meaning\\s+of\\s+)"
          + "([\\w\\-]+(?:\\s+[\\w\\-]+){0,2}?)"
          + "(?:\\s+(?:short for|stand for|stands for|mean|means|mean here))?$");

  /**
   * "What lessons cover RAG?", "which lessons talk about prompt caching", "any lessons on LoRA?",
   * "lessons about evaluation": asks which lessons of a course cover a topic.
   */
  private static final Pattern LESSONS_ABOUT = Pattern.compile(
      "^(?:(?:what|which)\\s+(?:other\\s+)?lessons?(?:\\s+(?:of|in)\\s+the\\s+course)?\\s+"
          + "(?:cover|covers|are about|is about|talk about|talks about|discuss|discusses|mention|mentions|explain|explains"
          + "|teach|teaches|deal with|deals with|go into|goes into)"
          + "|(?:are there\\s+|is there\\s+|any\\s+|(?:is|are) there any\\s+)?(?:a\\s+)?lessons?\\s+(?:on|about|covering|that covers?)"
          + "|(?:in\\s+)?which\\s+lessons?\\s+(?:is|are|do i learn about|can i learn about)"
          + "|where\\s+(?:in\\s+the\\s+course\\s+)?(?:can i learn about|do i learn about))"
          + "\\s+(.+?)(?:\\s+(?:covered|discussed|explained|taught))?$");

  private QuestionIntent() {}

  /** The topic of a question asking which lessons cover it ("RAG" in "what lessons cover RAG?"), if it is one. */
  public static java.util.Optional<String> lessonsAbout(String question) {
    java.util.regex.Matcher m = LESSONS_ABOUT.matcher(normalize(question));
    return m.matches() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  /** The term a definition question asks about ("prompt chaining" in "What is prompt chaining?"), if it is one. */
  public static java.util.Optional<String> definitionSubject(String question) {
    java.util.regex.Matcher m = SUBJECT.matcher(normalize(question));
    return m.matches() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  /** True when the question asks for the lesson's length, track or number. */
  public static boolean isAboutTheLesson(String question) {
    return ABOUT.matcher(normalize(question)).matches();
  }

  /** True when the question asks for a whole list rather than one item of it. */
  public static boolean isList(String question) {
    return LIST.matcher(normalize(question)).matches();
  }

  /** True when the question asks what the lesson as a whole says. */
  public static boolean isOverview(String question) {
    return OVERVIEW.matcher(normalize(question)).matches();
  }

  /** Chat courtesies and asides around a question ("quick q:", "pls", "thx"): they change nothing it asks. */
  private static final Pattern ASIDES = Pattern.compile(
      "^(quick q(uestion)?[:,]?|q[:,]|hey[,!]?|hi[,!]?|ok(ay)?( so)?[,]?|so[,]?)\\s+|[,\\s]+(pls|plz|please|thx|thanks|ty)$");

  static String normalize(String question) {
    String q = question.strip().toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("[.!?\\s]+$", "")
        .replace("what's", "what is").replace("whats ", "what is ").replaceAll("\\s+", " ");
    String before;
    do {
      before = q;
      q = ASIDES.matcher(q).replaceAll("").strip();
    } while (!q.equals(before) && !q.isEmpty());
    return q.isEmpty() ? before : q;
  }

  /** True when the question asks what a term means. */
  public static boolean isDefinitional(String question) {
    return DEFINITION.matcher(normalize(question)).matches();
  }
}
