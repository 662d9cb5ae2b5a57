package io.lessontutor.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Yes or No within a chosen check from the clause's evaluative and demand words. */
class PolarityTest {

  private static AnswerValue answer(String check, String clause) {
    return Polarity.answer(check, Prefill.words(Prefill.normalize(clause)));
  }

  @Test
  void a_bad_word_is_no_for_data_quality_and_yes_for_a_cost_problem() {
    assertThat(answer(DecisionRules.DATA_HIGH_QUALITY, "honestly the data is a mess")).isEqualTo(AnswerValue.NO);
    assertThat(answer(DecisionRules.DATA_HIGH_QUALITY, "the data was cleaned carefully")).isEqualTo(AnswerValue.YES);
    assertThat(answer(DecisionRules.LATENCY_OR_COST_PROBLEM, "the bill is brutal")).isEqualTo(AnswerValue.YES);
    assertThat(answer(DecisionRules.LATENCY_OR_COST_PROBLEM, "speed and price are both fine")).isEqualTo(AnswerValue.NO);
  }

  @Test
  void a_negator_flips_the_first_polar_word_after_it() {
    assertThat(answer(DecisionRules.SLOWER_ITERATION_OK, "nobody cares how long retraining takes"))
        .isEqualTo(AnswerValue.YES);
    assertThat(answer(DecisionRules.FORMAT_AT_VOLUME, "consistent formatting isn't something we need"))
        .isEqualTo(AnswerValue.NO);
    assertThat(answer(DecisionRules.LATENCY_OR_COST_PROBLEM, "we don't need it to be fast or cheap"))
        .isEqualTo(AnswerValue.NO);
    assertThat(answer(DecisionRules.DATA_HIGH_QUALITY, "the labels are not great")).isEqualTo(AnswerValue.NO);
  }

  @Test
  void a_demand_means_what_the_check_makes_of_it() {
    assertThat(answer(DecisionRules.LATENCY_OR_COST_PROBLEM, "we care a lot about cost")).isEqualTo(AnswerValue.YES);
    assertThat(answer(DecisionRules.SLOWER_ITERATION_OK, "we need to tweak behaviour on the fly"))
        .isEqualTo(AnswerValue.NO);
    assertThat(answer(DecisionRules.USE_CASE_SOUND, "it's a nice-to-have that nobody requested"))
        .isEqualTo(AnswerValue.NO);
  }

  @Test
  void no_polar_word_or_a_tie_answers_nothing() {
    assertThat(answer(DecisionRules.DATA_HIGH_QUALITY, "the labels came from a vendor")).isEqualTo(AnswerValue.UNKNOWN);
    assertThat(answer(DecisionRules.DATA_HIGH_QUALITY, "good labels, bad labels")).isEqualTo(AnswerValue.UNKNOWN);
    // speed is what the iteration check is about, not a judgement of it
    assertThat(answer(DecisionRules.SLOWER_ITERATION_OK, "slower iteration")).isEqualTo(AnswerValue.UNKNOWN);
  }

  @Test
  void a_judgement_of_a_subject_counts_evaluative_words_only_and_says_nothing_of_stability() {
    List<String> tickets = Prefill.words(Prefill.normalize("support tickets keep asking for it"));
    assertThat(Polarity.answer(DecisionRules.LARGE_LABELED_DATASET, tickets)).isEqualTo(AnswerValue.NO);
    assertThat(Polarity.judgement(DecisionRules.LARGE_LABELED_DATASET, tickets)).isEqualTo(AnswerValue.UNKNOWN);
    List<String> great = Prefill.words(Prefill.normalize("great use case"));
    assertThat(Polarity.judgement(DecisionRules.USE_CASE_SOUND, great)).isEqualTo(AnswerValue.YES);
    assertThat(Polarity.judgement(DecisionRules.USE_CASE_STABLE, great)).isEqualTo(AnswerValue.UNKNOWN);
    // fast and cheap labelling is no evidence of good labels
    assertThat(answer(DecisionRules.DATA_HIGH_QUALITY, "contractors labeled it fast and cheap")).isEqualTo(AnswerValue.UNKNOWN);
  }
}
