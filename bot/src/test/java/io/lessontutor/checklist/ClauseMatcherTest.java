package io.lessontutor.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The MiniLM nearest-neighbour clause matcher on its own, without rule cues. */
class ClauseMatcherTest {

  private final ClauseMatcher matcher = ClauseMatcher.shared();

  private Optional<ClauseMatcher.Match> match(String clause) {
    return matcher.match(Prefill.words(Prefill.normalize(clause)));
  }

  @Test
  void a_negated_example_also_reads_its_plain_counterpart_the_other_way() {
    // the bank has "we have not checked the labels" (quality: no), negated
    assertThat(match("we have not checked the labels")).get()
        .extracting(ClauseMatcher.Match::check, ClauseMatcher.Match::answer)
        .containsExactly(DecisionRules.DATA_HIGH_QUALITY, AnswerValue.NO);
    assertThat(match("we have checked the labels")).get()
        .extracting(ClauseMatcher.Match::check, ClauseMatcher.Match::answer)
        .containsExactly(DecisionRules.DATA_HIGH_QUALITY, AnswerValue.YES);
  }

  @Test
  void a_plain_example_read_through_a_negation_flips() {
    // the bank has "the model understands our domain" (knowledge gap: no)
    assertThat(match("the model doesn't understand our domain")).get()
        .extracting(ClauseMatcher.Match::check, ClauseMatcher.Match::answer)
        .containsExactly(DecisionRules.KNOWLEDGE_GAP, AnswerValue.YES);
  }

  @Test
  void clauses_about_no_check_match_nothing() {
    assertThat(match("should we fine-tune our model?")).isEmpty();
    assertThat(match("hello everyone, any advice")).isEmpty();
  }

  @Test
  void a_clause_far_from_every_example_matches_nothing() {
    assertThat(match("the office coffee machine is broken again")).isEmpty();
  }

  @Test
  void a_clear_winner_below_the_threshold_still_matches_and_without_clear_winners_it_does_not() {
    // "no one uses the feature" is the nearest example, about 0.5 similar: below 0.60 but far from other checks
    List<String> clause = Prefill.words(Prefill.normalize("no one would notice if we switched this feature off"));
    assertThat(matcher.match(clause)).get().extracting(ClauseMatcher.Match::check, ClauseMatcher.Match::answer)
        .containsExactly(DecisionRules.USE_CASE_SOUND, AnswerValue.NO);
    assertThat(matcher.withClearWinner(ClauseMatcher.DEFAULT_MIN_SIMILARITY, 0).match(clause)).isEmpty();
  }

  @Test
  void the_nearest_examples_are_listed_nearest_first() {
    List<String> nearest = matcher.nearest(Prefill.words(Prefill.normalize("retrieval is live")), 3);
    assertThat(nearest).hasSize(3);
    assertThat(nearest.get(0)).startsWith("1.00 rag-tried=yes");
  }
}
