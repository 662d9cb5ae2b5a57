package io.lessontutor.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScoringTest {

  private static final Duration TWENTY_SECONDS = Duration.ofSeconds(20);

  @Test
  void an_instant_right_answer_earns_a_thousand_points() {
    assertThat(Scoring.score(true, Duration.ZERO, TWENTY_SECONDS, 0).points()).isEqualTo(1_000);
  }

  @Test
  void a_right_answer_at_the_last_moment_earns_five_hundred_points() {
    assertThat(Scoring.score(true, TWENTY_SECONDS, TWENTY_SECONDS, 0).points()).isEqualTo(500);
  }

  @Test
  void points_fall_linearly_with_the_time_taken() {
    assertThat(Scoring.score(true, Duration.ofSeconds(5), TWENTY_SECONDS, 0).points()).isEqualTo(875);
    assertThat(Scoring.score(true, Duration.ofSeconds(10), TWENTY_SECONDS, 0).points()).isEqualTo(750);
    assertThat(Scoring.score(true, Duration.ofMillis(1_234), TWENTY_SECONDS, 0).points()).isEqualTo(969);
  }

  @Test
  void a_faster_right_answer_never_earns_less() {
    int previous = Integer.MAX_VALUE;
    for (int millis = 0; millis <= 20_000; millis += 250) {
      int points = Scoring.score(true, Duration.ofMillis(millis), TWENTY_SECONDS, 0).points();
      assertThat(points).isBetween(500, 1_000).isLessThanOrEqualTo(previous);
      previous = points;
    }
  }

  @Test
  void time_outside_the_window_is_clamped() {
    assertThat(Scoring.score(true, Duration.ofMillis(-50), TWENTY_SECONDS, 0).points()).isEqualTo(1_000);
    assertThat(Scoring.score(true, Duration.ofSeconds(25), TWENTY_SECONDS, 0).points()).isEqualTo(500);
  }

  @Test
  void a_wrong_answer_earns_nothing_and_breaks_the_streak() {
    Scoring.Score score = Scoring.score(false, Duration.ZERO, TWENTY_SECONDS, 4);
    assertThat(score.points()).isZero();
    assertThat(score.streak()).isZero();
    assertThat(score.right()).isFalse();
  }

  @Test
  void each_right_answer_in_a_row_adds_a_hundred_up_to_five_hundred() {
    assertThat(Scoring.score(true, Duration.ZERO, TWENTY_SECONDS, 0).streakBonus()).isZero();
    assertThat(Scoring.score(true, Duration.ZERO, TWENTY_SECONDS, 1).streakBonus()).isEqualTo(100);
    assertThat(Scoring.score(true, Duration.ZERO, TWENTY_SECONDS, 3).points()).isEqualTo(1_300);
    assertThat(Scoring.score(true, Duration.ZERO, TWENTY_SECONDS, 5).streakBonus()).isEqualTo(500);
    assertThat(Scoring.score(true, Duration.ZERO, TWENTY_SECONDS, 50).streakBonus()).isEqualTo(500);
    assertThat(Scoring.score(true, Duration.ZERO, TWENTY_SECONDS, 2).streak()).isEqualTo(3);
  }

  @Test
  void a_time_limit_must_be_positive() {
    assertThatThrownBy(() -> Scoring.score(true, Duration.ZERO, Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
