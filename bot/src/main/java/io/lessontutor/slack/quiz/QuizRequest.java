package io.lessontutor.slack.quiz;

import io.lessontutor.slack.SafeText;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person asked the quiz for, read from {@code /tutor-quiz}'s text or from a mention or
 * direct message ("quiz", "quiz 3", "quiz me"). Pure functions, safe from any thread.
 */
sealed interface QuizRequest {

  /** A channel round; {@code size} empty means the default size. */
  record Start(OptionalInt size) implements QuizRequest {}

  /** The workspace's all-time leaderboard. */
  record Leaderboard() implements QuizRequest {}

  /** Stop the channel's round. */
  record Stop() implements QuizRequest {}

  /** Solo practice in the person's direct message. */
  record Solo() implements QuizRequest {}

  record Help() implements QuizRequest {}

  /** Words the command does not know; answered with the help text. */
  record Unknown() implements QuizRequest {}

  Pattern NUMBER = Pattern.compile("\\d{1,6}");
  /** A message the quiz takes: "quiz", "quiz 3", "quiz me", with an optional "!" or ".". */
  Pattern MESSAGE = Pattern.compile("quiz(?:\\s+(me|\\d{1,6}))?\\s*[.!]?");

  /** {@code /tutor-quiz}'s text. */
  static QuizRequest ofCommand(String text) {
    String words = normalize(text);
    if (words.isEmpty()) {
      return new Start(OptionalInt.empty());
    }
    if (NUMBER.matcher(words).matches()) {
      return new Start(OptionalInt.of(Integer.parseInt(words)));
    }
    return switch (words) {
      case "leaderboard", "scores", "top" -> new Leaderboard();
      case "stop", "end" -> new Stop();
      case "me", "solo", "practice", "practise" -> new Solo();
      case "help", "?" -> new Help();
      default -> new Unknown();
    };
  }

  /**
   * A mention's or direct message's text, when it asks for the quiz: in a direct message any of
   * them means solo practice; in a channel "quiz" and "quiz N" start a round and "quiz me" too
   * (the whole channel plays).
   */
  static Optional<QuizRequest> ofMessage(String text, boolean direct) {
    Matcher m = MESSAGE.matcher(normalize(text));
    if (!m.matches()) {
      return Optional.empty();
    }
    if (direct) {
      return Optional.of(new Solo());
    }
    String arg = m.group(1);
    return Optional.of(arg == null || arg.equals("me")
        ? new Start(OptionalInt.empty())
        : new Start(OptionalInt.of(Integer.parseInt(arg))));
  }

  private static String normalize(String text) {
    return SafeText.plain(text).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
