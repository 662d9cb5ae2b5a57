package io.lessontutor.slack.experts;

import io.lessontutor.config.TutorConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who answers what the tutor cannot, from {@link TutorConfig#EXPERTS}: one channel, or people
 * (each asked in a direct message).
 *
 * @param channel the expert channel's id, or null when people are named
 * @param people the experts' user ids, empty when a channel is named
 */
public record Experts(String channel, List<String> people) {

  private static final Pattern USER = Pattern.compile("[UW][A-Z0-9]{2,30}");
  private static final Pattern CHANNEL = Pattern.compile("[CG][A-Z0-9]{2,30}");

  public Experts {
    people = List.copyOf(people);
    if ((channel == null) == people.isEmpty()) {
      throw new IllegalArgumentException("experts are one channel or some people");
    }
  }

  /**
   * The configured experts, or empty when the variable is unset. A value that is neither one
   * channel id nor user ids stops start-up, naming the variable.
   */
  public static Optional<Experts> of(TutorConfig config) {
    Optional<String> value = config.get(TutorConfig.EXPERTS);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    List<String> ids = Arrays.stream(value.get().split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
    if (ids.size() == 1 && CHANNEL.matcher(ids.get(0)).matches()) {
      return Optional.of(new Experts(ids.get(0), List.of()));
    }
    if (!ids.isEmpty() && ids.stream().allMatch(id -> USER.matcher(id).matches())) {
      return Optional.of(new Experts(null, ids));
    }
    throw new IllegalArgumentException(TutorConfig.EXPERTS + " must be one channel id (C0123ABCD) or Slack user ids"
        + " separated by commas (U0123ABCD,U0456EFGH), not '" + value.get() + "'");
  }
}
