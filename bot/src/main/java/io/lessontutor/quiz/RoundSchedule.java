package io.lessontutor.quiz;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;

/**
 * When a channel's quiz round runs by itself: every day, or every week on one day, at a local time
 * in a timezone. Immutable.
 *
 * @param day the day of a weekly round; null for a daily one
 */
public record RoundSchedule(DayOfWeek day, LocalTime time, ZoneId zone) {

  public RoundSchedule {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(zone, "zone");
  }

  public boolean weekly() {
    return day != null;
  }

  /** The first run strictly after {@code after}; a time skipped by a daylight-saving change runs an hour later. */
  public Instant nextAfter(Instant after) {
    ZonedDateTime now = after.atZone(zone);
    ZonedDateTime candidate = now.with(time).withSecond(0).withNano(0);
    if (weekly()) {
      candidate = candidate.with(TemporalAdjusters.nextOrSame(day));
    }
    while (!candidate.toInstant().isAfter(after)) {
      candidate = weekly() ? candidate.plusWeeks(1).with(time) : candidate.plusDays(1).with(time);
    }
    return candidate.toInstant();
  }

  /** How people read it: "every Monday at 10:00 (Europe/Lisbon)". */
  public String describe() {
    String when = weekly() ? "every " + day.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) : "every day";
    return when + " at " + time + " (" + zone.getId() + ")";
  }

  /**
   * Reads "weekly mon 10:00 [zone]" or "daily 09:30 [zone]"; the zone defaults to the given one.
   *
   * @throws IllegalArgumentException with a sentence a person can act on
   */
  public static RoundSchedule parse(String text, ZoneId defaultZone) {
    String[] words = text.strip().split("\\s+");
    int i = 0;
    if (words.length == 0 || words[0].isEmpty()) {
      throw new IllegalArgumentException(USAGE);
    }
    String cadence = words[i++].toLowerCase(Locale.ROOT);
    DayOfWeek day = null;
    if (cadence.equals("weekly")) {
      if (i >= words.length) {
        throw new IllegalArgumentException("Which day? " + USAGE);
      }
      day = day(words[i++]);
    } else if (!cadence.equals("daily")) {
      throw new IllegalArgumentException(USAGE);
    }
    if (i >= words.length) {
      throw new IllegalArgumentException("At what time? " + USAGE);
    }
    LocalTime time;
    try {
      time = LocalTime.parse(words[i].length() == 4 ? "0" + words[i] : words[i]);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("`" + words[i] + "` is not a time like 10:00. " + USAGE);
    }
    i++;
    ZoneId zone = defaultZone;
    if (i < words.length) {
      try {
        zone = ZoneId.of(words[i]);
      } catch (java.time.DateTimeException e) {
        throw new IllegalArgumentException("`" + words[i] + "` is not a timezone; use a name like Europe/Lisbon"
            + " or America/New_York.");
      }
      i++;
    }
    if (i < words.length) {
      throw new IllegalArgumentException(USAGE);
    }
    return new RoundSchedule(day, time.withSecond(0).withNano(0), zone);
  }

  public static final String USAGE = "Use `/tutor-quiz schedule weekly mon 10:00`, `/tutor-quiz schedule daily 09:30"
      + " Europe/Lisbon` or `/tutor-quiz schedule off`.";

  private static DayOfWeek day(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      String name = d.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
      if (w.length() >= 3 && name.startsWith(w)) {
        return d;
      }
    }
    throw new IllegalArgumentException("`" + word + "` is not a day; use mon, tue, wed, thu, fri, sat or sun.");
  }
}
