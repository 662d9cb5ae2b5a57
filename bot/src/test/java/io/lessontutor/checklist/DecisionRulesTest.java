package io.lessontutor.checklist;

import static io.lessontutor.checklist.AnswerValue.NO;
import static io.lessontutor.checklist.AnswerValue.UNKNOWN;
import static io.lessontutor.checklist.AnswerValue.YES;
import static io.lessontutor.checklist.Fixtures.all;
import static io.lessontutor.checklist.Fixtures.answers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionRulesTest {

  private final DecisionRules rules = new DecisionRules(Fixtures.CHECKLIST);

  /** Complete answer sets (every check Yes or No): each verdict and the checks that decided it. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      all yes, no knowledge gap          | knowledge-gap=no                                  | fine-tune-with-lora | use-case-sound prompting-pushed knowledge-gap rag-tried use-case-stable large-labeled-dataset data-high-quality latency-or-cost-problem format-at-volume slower-iteration-ok
      all yes                            |                                                   | fine-tune-with-lora | use-case-sound prompting-pushed rag-tried use-case-stable large-labeled-dataset data-high-quality latency-or-cost-problem format-at-volume slower-iteration-ok
      format need only                   | latency-or-cost-problem=no                        | fine-tune-with-lora | use-case-sound prompting-pushed rag-tried use-case-stable large-labeled-dataset data-high-quality format-at-volume slower-iteration-ok
      bad use case                       | use-case-sound=no                                 | fix-use-case        | use-case-sound
      prompting not pushed               | prompting-pushed=no                               | prompt-first        | prompting-pushed
      knowledge gap, no RAG              | rag-tried=no                                      | add-rag             | knowledge-gap rag-tried
      use case still changing            | use-case-stable=no                                | keep-prompting      | use-case-stable
      no latency, cost or format need    | latency-or-cost-problem=no, format-at-volume=no   | keep-prompting      | latency-or-cost-problem format-at-volume
      cannot afford slower iteration     | slower-iteration-ok=no                            | keep-prompting      | slower-iteration-ok
      small dataset                      | large-labeled-dataset=no                          | get-better-data     | large-labeled-dataset
      noisy labels                       | data-high-quality=no                              | get-better-data     | data-high-quality
      small and noisy                    | large-labeled-dataset=no, data-high-quality=no    | get-better-data     | large-labeled-dataset data-high-quality
      """)
  void complete_answer_sets_reach_every_verdict(String situation, String overrides, String verdict, String deciding) {
    VerdictCard card = rules.decide(all(YES, overrides == null ? "" : overrides));

    assertThat(card.verdict()).isEqualTo(verdict);
    assertThat(card.reasons()).extracting(Reason::check).containsExactly(deciding.split(" "));
    assertThat(card.headline()).isEqualTo(Fixtures.CHECKLIST.verdict(verdict).orElseThrow().headline());
  }

  @Test
  void every_verdict_except_need_more_info_is_reachable_from_a_complete_answer_set() {
    Set<String> reached = new HashSet<>();
    List<String> checks = Fixtures.CHECKLIST.checkIds();
    for (int mask = 0; mask < 1 << checks.size(); mask++) {
      java.util.Map<String, AnswerValue> values = new java.util.HashMap<>();
      for (int i = 0; i < checks.size(); i++) {
        values.put(checks.get(i), (mask & 1 << i) != 0 ? YES : NO);
      }
      VerdictCard card = rules.decide(new Answers(values));
      reached.add(card.verdict());
      assertThat(card.reasons()).as("reasons for %s", values).isNotEmpty();
      assertThat(card.reasons()).extracting(Reason::answer).doesNotContain(UNKNOWN);
    }
    assertThat(reached).containsExactlyInAnyOrderElementsOf(
        DecisionRules.VERDICTS.stream().filter(v -> !v.equals(DecisionRules.NEED_MORE_INFO)).toList());
  }

  /** Conflicting answers: the earlier rule in the written precedence wins. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      bad use case beats everything           | use-case-sound=no, prompting-pushed=no, rag-tried=no, large-labeled-dataset=no | fix-use-case
      unpushed prompting beats missing RAG    | prompting-pushed=no, rag-tried=no, large-labeled-dataset=no                    | prompt-first
      missing RAG beats an unstable use case  | rag-tried=no, use-case-stable=no, data-high-quality=no                         | add-rag
      unstable use case beats bad data        | use-case-stable=no, large-labeled-dataset=no                                   | keep-prompting
      no latency or format need beats bad data| latency-or-cost-problem=no, format-at-volume=no, data-high-quality=no           | keep-prompting
      bad data beats fast iteration needs     | large-labeled-dataset=no, slower-iteration-ok=no                               | get-better-data
      RAG tried means no add-rag              | knowledge-gap=yes, rag-tried=yes, slower-iteration-ok=no                       | keep-prompting
      """)
  void conflicting_answers_follow_the_written_precedence(String situation, String overrides, String verdict) {
    assertThat(rules.decide(all(YES, overrides)).verdict()).isEqualTo(verdict);
  }

  @Test
  void the_written_precedence_lists_the_verdicts_in_rule_order() {
    List<String> mentioned = new ArrayList<>();
    for (String line : DecisionRules.PRECEDENCE) {
      DecisionRules.VERDICTS.stream().filter(v -> line.contains("→ " + v)).findFirst().ifPresent(mentioned::add);
    }
    assertThat(mentioned).containsExactly(
        "fix-use-case", "prompt-first", "add-rag", "keep-prompting", "keep-prompting", "get-better-data",
        "keep-prompting", "fine-tune-with-lora", "need-more-info");
  }

  @Test
  void not_sure_that_decides_the_outcome_asks_for_more_info_and_names_what_to_find_out() {
    VerdictCard card = rules.decide(all(YES, "use-case-stable=?"));

    assertThat(card.verdict()).isEqualTo("need-more-info");
    assertThat(card.needsMoreInfo()).isTrue();
    assertThat(card.reasons()).extracting(Reason::check).containsExactly("use-case-stable");
    assertThat(card.reasons()).extracting(Reason::answer).containsExactly(UNKNOWN);
    assertThat(card.nextStep()).contains("Is the use case stable, rather than still changing?");
  }

  @Test
  void not_sure_that_changes_nothing_is_ignored() {
    // The use case is not stable, so keep-prompting whatever the data or latency answers are.
    VerdictCard card = rules.decide(all(YES,
        "use-case-stable=no, large-labeled-dataset=?, latency-or-cost-problem=?, slower-iteration-ok=?"));

    assertThat(card.verdict()).isEqualTo("keep-prompting");
    assertThat(card.reasons()).extracting(Reason::check).containsExactly("use-case-stable");
  }

  @Test
  void not_sure_in_a_rule_with_the_same_verdict_as_the_one_that_holds_is_ignored() {
    // Stable or not, there is no latency, cost or format need: keep-prompting either way.
    VerdictCard card = rules.decide(all(YES, "use-case-stable=?, latency-or-cost-problem=no, format-at-volume=no"));

    assertThat(card.verdict()).isEqualTo("keep-prompting");
    assertThat(card.reasons()).extracting(Reason::check).containsExactly("latency-or-cost-problem", "format-at-volume");
  }

  @Test
  void a_known_no_before_a_not_sure_decides_without_asking() {
    VerdictCard card = rules.decide(answers("use-case-sound=no"));

    assertThat(card.verdict()).isEqualTo("fix-use-case");
  }

  @Test
  void no_answers_at_all_ask_about_the_first_open_question_that_matters() {
    VerdictCard card = rules.decide(Answers.none());

    assertThat(card.verdict()).isEqualTo("need-more-info");
    // Every rule hangs on a Not sure; all of them lead elsewhere than fine-tuning.
    assertThat(card.reasons()).extracting(Reason::check).containsExactlyElementsOf(Fixtures.CHECKLIST.checkIds());
  }

  @Test
  void knowledge_gap_not_sure_matters_only_when_rag_was_not_tried() {
    assertThat(rules.decide(all(YES, "knowledge-gap=?, rag-tried=yes")).verdict()).isEqualTo("fine-tune-with-lora");
    VerdictCard open = rules.decide(all(YES, "knowledge-gap=?, rag-tried=no"));
    assertThat(open.verdict()).isEqualTo("need-more-info");
    assertThat(open.reasons()).extracting(Reason::check).containsExactly("knowledge-gap");
  }

  @Test
  void one_yes_among_latency_and_format_is_enough_even_when_the_other_is_not_sure() {
    assertThat(rules.decide(all(YES, "latency-or-cost-problem=?")).verdict()).isEqualTo("fine-tune-with-lora");
    assertThat(rules.decide(all(YES, "latency-or-cost-problem=?, format-at-volume=no")).verdict())
        .isEqualTo("need-more-info");
  }

  @Test
  void not_sure_is_exactly_when_two_completions_disagree() {
    // Brute force over every Yes/No/Not-sure answer to four checks that interact, the rest Yes.
    List<String> checks = List.of("knowledge-gap", "rag-tried", "latency-or-cost-problem", "large-labeled-dataset");
    AnswerValue[] values = AnswerValue.values();
    for (int code = 0; code < 81; code++) {
      java.util.Map<String, AnswerValue> given = new java.util.HashMap<>();
      int rest = code;
      for (String check : checks) {
        given.put(check, values[rest % 3]);
        rest /= 3;
      }
      Answers answers = all(YES, "").overriddenBy(Answers.none());
      java.util.Map<String, AnswerValue> merged = new java.util.HashMap<>(answers.values());
      merged.putAll(given);
      Answers partial = new Answers(merged);
      Set<String> outcomes = completions(partial, checks);
      String verdict = rules.decide(partial).verdict();
      if (outcomes.size() == 1) {
        assertThat(verdict).as("%s", given).isEqualTo(outcomes.iterator().next());
      } else {
        assertThat(verdict).as("%s", given).isEqualTo("need-more-info");
      }
    }
  }

  private Set<String> completions(Answers partial, List<String> checks) {
    List<String> open = checks.stream().filter(c -> partial.get(c) == UNKNOWN).toList();
    Set<String> outcomes = new HashSet<>();
    for (int mask = 0; mask < 1 << open.size(); mask++) {
      Answers complete = partial;
      for (int i = 0; i < open.size(); i++) {
        complete = complete.with(open.get(i), (mask & 1 << i) != 0 ? YES : NO);
      }
      outcomes.add(rules.decide(complete).verdict());
    }
    return outcomes;
  }

  @Test
  void every_reason_carries_the_lesson_line_and_where_it_is() {
    VerdictCard card = rules.decide(all(YES, "knowledge-gap=no"));

    assertThat(card.reasons()).allSatisfy(reason -> {
      Check check = Fixtures.CHECKLIST.check(reason.check()).orElseThrow();
      assertThat(reason.quote()).isEqualTo(check.quote());
      assertThat(check.passage().text()).contains(reason.quote());
      assertThat(reason.source()).isEqualTo(
          "When to Fine-Tune vs When to Just Prompt: A Decision Framework › " + check.passage().section());
      assertThat(reason.because()).isEqualTo(check.why());
    });
    assertThat(card.quote()).isEqualTo("Use LoRA / parameter-efficient methods rather than full fine-tuning when possible");
  }
}
