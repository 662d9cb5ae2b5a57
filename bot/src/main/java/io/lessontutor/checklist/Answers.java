package io.lessontutor.checklist;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answers given so far, by check id. A check that is missing counts as {@link
 * AnswerValue#UNKNOWN}; UNKNOWN values are not stored, so two answer sets that mean the same
 * thing are equal. Immutable.
 */
public record Answers(Map<String, AnswerValue> values) {

  public Answers {
    Map<String, AnswerValue> known = new LinkedHashMap<>();
    values.forEach((check, value) -> {
      Objects.requireNonNull(check, "check id");
      if (Objects.requireNonNull(value, "answer to " + check) != AnswerValue.UNKNOWN) {
        known.put(check, value);
      }
    });
    values = Map.copyOf(known);
  }

  public static Answers none() {
    return new Answers(Map.of());
  }

  public static Answers of(Map<String, AnswerValue> values) {
    return new Answers(values);
  }

  /** The answer to the check; UNKNOWN when it was not answered. */
  public AnswerValue get(String checkId) {
    return values.getOrDefault(checkId, AnswerValue.UNKNOWN);
  }

  /** A copy with one answer set (UNKNOWN clears it). */
  public Answers with(String checkId, AnswerValue value) {
    Map<String, AnswerValue> copy = new LinkedHashMap<>(values);
    copy.put(checkId, value);
    return new Answers(copy);
  }

  /** A copy where every known answer of {@code later} replaces this one's. */
  public Answers overriddenBy(Answers later) {
    Map<String, AnswerValue> copy = new LinkedHashMap<>(values);
    copy.putAll(later.values);
    return new Answers(copy);
  }

  public boolean isKnown(String checkId) {
    return values.containsKey(checkId);
  }
}
