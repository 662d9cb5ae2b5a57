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

  private QuestionIntent() {}

  /** True when the question asks what a term means. */
  public static boolean isDefinitional(String question) {
    String q = question.strip().toLowerCase(Locale.ROOT).replaceAll("[.!?\\s]+$", "").replace("what's", "what is");
    return DEFINITION.matcher(q).matches();
  }
}
