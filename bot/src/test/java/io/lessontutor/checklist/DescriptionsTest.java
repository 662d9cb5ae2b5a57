package io.lessontutor.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptionsTest {

  private final DecisionRules rules = new DecisionRules(Fixtures.CHECKLIST);

  @Test
  void there_are_at_least_eighty_descriptions_split_into_tuning_and_held_out() {
    List<Descriptions.Description> tuning = new java.util.ArrayList<>(Descriptions.load(Descriptions.TUNING));
    tuning.addAll(Descriptions.load(Descriptions.ROUND3_TUNING));
    tuning.addAll(Descriptions.load(Descriptions.ROUND3_TUNING_EXTRA));
    List<Descriptions.Description> heldOut = new java.util.ArrayList<>(Descriptions.load(Descriptions.HELD_OUT));
    heldOut.addAll(Descriptions.load(Descriptions.HELD_OUT_FRESH));
    heldOut.addAll(Descriptions.load(Descriptions.HELD_OUT_BLIND));
    heldOut.addAll(Descriptions.load(Descriptions.HELD_OUT_FINAL));
    heldOut.addAll(Descriptions.load(Descriptions.ROUND3_HELD_OUT));
    heldOut.addAll(Descriptions.load(Descriptions.ROUND4_BLIND));

    assertThat(tuning.size() + heldOut.size()).isGreaterThanOrEqualTo(80);
    assertThat(heldOut.size()).isGreaterThanOrEqualTo(30);
    assertThat(tuning).extracting(Descriptions.Description::text)
        .doesNotContainAnyElementsOf(heldOut.stream().map(Descriptions.Description::text).toList());
  }

  @Test
  void the_third_round_has_at_least_eighty_new_descriptions_split_into_tuning_and_held_out_halves() {
    List<Descriptions.Description> tuning = Descriptions.load(Descriptions.ROUND3_TUNING);
    List<Descriptions.Description> extra = Descriptions.load(Descriptions.ROUND3_TUNING_EXTRA);
    List<Descriptions.Description> heldOut = Descriptions.load(Descriptions.ROUND3_HELD_OUT);
    List<String> older = java.util.stream.Stream.of(Descriptions.TUNING, Descriptions.HELD_OUT,
            Descriptions.HELD_OUT_FRESH, Descriptions.HELD_OUT_BLIND, Descriptions.HELD_OUT_FINAL)
        .flatMap(f -> Descriptions.load(f).stream()).map(Descriptions.Description::text).toList();

    assertThat(tuning.size() + heldOut.size()).isGreaterThanOrEqualTo(80);
    assertThat(Math.abs(tuning.size() - heldOut.size())).isLessThanOrEqualTo(1);
    assertThat(tuning).extracting(Descriptions.Description::text)
        .doesNotContainAnyElementsOf(heldOut.stream().map(Descriptions.Description::text).toList())
        .doesNotContainAnyElementsOf(older);
    assertThat(heldOut).extracting(Descriptions.Description::text).doesNotContainAnyElementsOf(older)
        .doesNotContainAnyElementsOf(extra.stream().map(Descriptions.Description::text).toList());
  }

  @Test
  void the_fifth_round_is_split_into_halves_that_share_no_description_with_each_other_or_any_older_file() {
    List<String> tuning = texts(Descriptions.ROUND5_TUNING);
    List<String> heldOut = texts(Descriptions.ROUND5_HELD_OUT);
    List<String> older = Descriptions.FILES.stream()
        .filter(f -> !f.equals(Descriptions.ROUND5_TUNING) && !f.equals(Descriptions.ROUND5_HELD_OUT))
        .flatMap(f -> texts(f).stream()).toList();

    assertThat(tuning.size() + heldOut.size()).isGreaterThanOrEqualTo(80);
    assertThat(Math.abs(tuning.size() - heldOut.size())).isLessThanOrEqualTo(1);
    assertThat(tuning).doesNotContainAnyElementsOf(heldOut).doesNotContainAnyElementsOf(older);
    // the blind author wrote the bare question "should we fine-tune?" as the first round did; it
    // states nothing, so it teaches nothing either way; any other repeat would be a leak
    assertThat(heldOut.stream().filter(older::contains)).containsExactly("should we fine-tune?");
  }

  private static List<String> texts(String file) {
    return Descriptions.load(file).stream().map(Descriptions.Description::text).toList();
  }

  @Test
  void each_verdict_label_is_what_the_rules_give_for_what_the_text_states() {
    for (String file : Descriptions.FILES) {
      for (Descriptions.Description d : Descriptions.load(file)) {
        assertThat(rules.decide(d.states()).verdict()).as("%s: %s", file, d.text()).isEqualTo(d.verdict());
      }
    }
  }
}
