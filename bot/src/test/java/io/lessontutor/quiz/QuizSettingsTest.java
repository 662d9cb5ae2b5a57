package io.lessontutor.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lessontutor.config.TutorConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuizSettingsTest {

  @Test
  void questions_last_twenty_seconds_and_rounds_have_five_unless_configured() {
    QuizSettings settings = QuizSettings.from(new TutorConfig(Map.of()));
    assertThat(settings.questionTime()).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.roundSize()).isEqualTo(5);
  }

  @Test
  void tutor_quiz_seconds_sets_the_time_per_question() {
    QuizSettings settings = QuizSettings.from(new TutorConfig(Map.of(TutorConfig.QUIZ_SECONDS, "45")));
    assertThat(settings.questionTime()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void a_time_per_question_out_of_range_stops_start_up_with_the_variable_named() {
    assertThatThrownBy(() -> QuizSettings.from(new TutorConfig(Map.of(TutorConfig.QUIZ_SECONDS, "0"))))
        .hasMessageContaining("TUTOR_QUIZ_SECONDS must be between 1 and 600");
    assertThatThrownBy(() -> QuizSettings.from(new TutorConfig(Map.of(TutorConfig.QUIZ_SECONDS, "soon"))))
        .hasMessageContaining("TUTOR_QUIZ_SECONDS must be a whole number");
  }
}
