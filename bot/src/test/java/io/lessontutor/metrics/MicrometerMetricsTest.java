package io.lessontutor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MicrometerMetricsTest {

  @Test
  void a_label_takes_at_most_forty_values_and_counts_the_rest_as_other() {
    MicrometerMetrics metrics = new MicrometerMetrics();
    for (int i = 0; i < 100; i++) {
      metrics.checklistRun("verdict-" + i);
    }
    String text = metrics.scrape();
    long series = text.lines().filter(l -> l.startsWith("tutor_checklist_runs_total{")).count();
    assertThat(series).isEqualTo(MicrometerMetrics.MAX_VALUES + 1);
    assertThat(text).contains("verdict=\"other\"} 60.0").contains("verdict=\"verdict-0\"} 1.0");
  }

  @Test
  void a_decline_reason_becomes_its_first_words_without_the_details() {
    assertThat(MeteredAnswerer.reasonCode("it asks for QLoRA, which the lesson never names")).isEqualTo("it_asks_for");
    assertThat(MeteredAnswerer.reasonCode("most of its words are not the lesson's (12% are)")).isEqualTo("most_of_its");
    assertThat(MeteredAnswerer.reasonCode(null)).isEqualTo("unknown");
  }
}
