package io.lessontutor.slack.quiz;

import java.util.Optional;

/**
 * A tap on a round question's button, as carried in the button's value: {@code round|number|choice}.
 *
 * @param number 1-based question number in the round
 * @param choice 0-based choice
 */
record RoundTap(String roundId, int number, int choice) {

  static String value(String roundId, int number, int choice) {
    return roundId + "|" + number + "|" + choice;
  }

  /** The tap in a button value; empty when the value is not one the quiz wrote. */
  static Optional<RoundTap> parse(String value) {
    String[] parts = value == null ? new String[0] : value.split("\\|");
    if (parts.length != 3 || parts[0].isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RoundTap(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
