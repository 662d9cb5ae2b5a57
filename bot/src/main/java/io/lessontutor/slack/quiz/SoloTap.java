package io.lessontutor.slack.quiz;

import java.util.Optional;

/**
 * A tap on a solo practice question's button, as carried in the button's value: {@code session|seq|choice}.
 *
 * @param seq the question's place in the session's queue
 * @param choice 0-based choice
 */
record SoloTap(String sessionId, int seq, int choice) {

  static String value(String sessionId, int seq, int choice) {
    return sessionId + "|" + seq + "|" + choice;
  }

  /** The tap in a button value; empty when the value is not one the quiz wrote. */
  static Optional<SoloTap> parse(String value) {
    return RoundTap.parse(value).map(t -> new SoloTap(t.roundId(), t.number(), t.choice()));
  }
}
