package io.lessontutor.knowledge;

import java.util.Objects;
import java.util.Set;

/**
 * A short proposition a passage asserts, with its polarity, written under the passage as
 * {@code claims: yes: prompt engineering first; no: fine-tuning as the first move}. A yes/no
 * question that asks exactly this proposition gets the claim's stance. Every content word of a
 * claim is in its passage or heading (checked at start-up), so a stance never adds to the lesson.
 *
 * @param stance yes, no or usually-not
 * @param proposition the words of the proposition ("fine-tuning first")
 */
public record Claim(String stance, String proposition) {

  /** The stances a claim may take. */
  public static final Set<String> STANCES = Set.of("yes", "no", "usually-not");

  public Claim {
    Objects.requireNonNull(stance, "stance");
    Objects.requireNonNull(proposition, "proposition");
    if (!STANCES.contains(stance)) {
      throw new IllegalArgumentException("a claim's stance is yes, no or usually-not, not '" + stance + "'");
    }
    if (proposition.isBlank()) {
      throw new IllegalArgumentException("a claim needs its proposition after '" + stance + ":'");
    }
  }
}
