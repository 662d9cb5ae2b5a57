package io.lessontutor.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RoundScheduleTest {

  static final ZoneId UTC = ZoneId.of("UTC");

  @Test
  void weekly_runs_next_on_its_day_and_time_in_its_zone() {
    RoundSchedule monday = RoundSchedule.parse("weekly mon 10:00 Europe/Lisbon", UTC);
    assertThat(monday).isEqualTo(new RoundSchedule(DayOfWeek.MONDAY, LocalTime.of(10, 0), ZoneId.of("Europe/Lisbon")));
    // Tuesday 1 December 2026: next Monday is 7 December, Lisbon is on UTC in winter
    assertThat(monday.nextAfter(Instant.parse("2026-12-01T12:00:00Z"))).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
    // exactly at the time: the next week's, never the same instant again
    assertThat(monday.nextAfter(Instant.parse("2026-12-07T10:00:00Z"))).isEqualTo(Instant.parse("2026-12-14T10:00:00Z"));
    RoundSchedule summer = RoundSchedule.parse("weekly monday 10:00 Europe/Lisbon", UTC);
    assertThat(summer.nextAfter(Instant.parse("2026-07-01T00:00:00Z"))).isEqualTo(Instant.parse("2026-07-06T09:00:00Z"));
  }

  @Test
  void daily_runs_today_when_the_time_is_still_ahead_and_takes_the_default_zone() {
    RoundSchedule daily = RoundSchedule.parse("daily 9:30", ZoneId.of("America/New_York"));
    assertThat(daily.zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(daily.nextAfter(Instant.parse("2026-12-01T14:00:00Z"))).isEqualTo(Instant.parse("2026-12-01T14:30:00Z"));
    assertThat(daily.nextAfter(Instant.parse("2026-12-01T15:00:00Z"))).isEqualTo(Instant.parse("2026-12-02T14:30:00Z"));
    assertThat(daily.describe()).isEqualTo("every day at 09:30 (America/New_York)");
  }

  @Test
  void bad_schedules_get_a_sentence_saying_what_would_work() {
    assertThatThrownBy(() -> RoundSchedule.parse("weekly funday 10:00", UTC)).hasMessageContaining("not a day");
    assertThatThrownBy(() -> RoundSchedule.parse("weekly mon 25:00", UTC)).hasMessageContaining("not a time");
    assertThatThrownBy(() -> RoundSchedule.parse("daily 10:00 Mars/Olympus", UTC)).hasMessageContaining("not a timezone");
    assertThatThrownBy(() -> RoundSchedule.parse("hourly", UTC)).hasMessageContaining("/tutor-quiz schedule weekly mon 10:00");
    assertThatThrownBy(() -> RoundSchedule.parse("weekly", UTC)).hasMessageContaining("Which day");
  }
}
