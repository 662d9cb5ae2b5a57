package io.lessontutor.answer;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Greetings, thanks and "what can you do?": short friendly replies that need no lesson passage. */
final class SmallTalk {

  enum Kind { GREETING, THANKS, HELP }

  private static final Pattern GREETING = Pattern.compile(
      "^(hi|hello|hey|hiya|howdy|yo|good (morning|afternoon|evening)|greetings)( there)?( tutor| bot)?[!. ]*$");
  private static final Pattern THANKS = Pattern.compile(
      "^((ok(ay)?|great|cool|nice|perfect|awesome)[,!. ]*)?(thanks|thank you|thx|ty|cheers|much appreciated)( a lot| so much| very much)?( tutor| bot)?[!. ]*$");
  private static final Pattern HELP = Pattern.compile(
      "^(help|\\?|what can you do|what do you do|who are you|what are you|how do(es)? (this|it) work|what can i ask( you)?)[?!. ]*$");

  private SmallTalk() {}

  static Optional<Kind> classify(String question) {
    String q = question.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (GREETING.matcher(q).matches()) {
      return Optional.of(Kind.GREETING);
    }
    if (THANKS.matcher(q).matches()) {
      return Optional.of(Kind.THANKS);
    }
    if (HELP.matcher(q).matches()) {
      return Optional.of(Kind.HELP);
    }
    return Optional.empty();
  }
}
