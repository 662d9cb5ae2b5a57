package io.lessontutor.checklist;

import java.util.Locale;
import java.util.Optional;

/** One answer to a check: Yes, No or Not sure. "Not sure" and "not answered" are the same. */
public enum AnswerValue {
  YES,
  NO,
  UNKNOWN;

  /** The lower-case word used in JSON, in the database and on the command line. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What a person sees: "Yes", "No" or "Not sure". */
  public String label() {
    return switch (this) {
      case YES -> "Yes";
      case NO -> "No";
      case UNKNOWN -> "Not sure";
    };
  }

  /**
   * Reads what someone typed: y/yes, n/no, ?/not sure/unknown (any case, surrounding blanks
   * ignored). Empty for anything else, so callers can ask again.
   */
  public static Optional<AnswerValue> parse(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    return switch (typed.strip().toLowerCase(Locale.ROOT)) {
      case "y", "yes" -> Optional.of(YES);
      case "n", "no" -> Optional.of(NO);
      case "?", "not sure", "unsure", "unknown", "dunno" -> Optional.of(UNKNOWN);
      default -> Optional.empty();
    };
  }
}
