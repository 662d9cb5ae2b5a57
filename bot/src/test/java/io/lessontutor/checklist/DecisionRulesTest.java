package io.lessontutor.checklist;

import static io.lessontutor.checklist.AnswerValue.NO;
import static io.lessontutor.checklist.AnswerValue.UNKNOWN;
import static io.lessontutor.checklist.AnswerValue.YES;
import static io.lessontutor.checklist.Fixtures.all;
import static io.lessontutor.checklist.Fixtures.answers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionRulesTest {

  private final DecisionRules rules = new DecisionRules(Fixtures.CHECKLIST);

  /** Complete answer sets (every check Yes or No): each verdict and the checks that decided it. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      all yes, no knowledge gap          | knowledge-gap=no                                  | fine-tune-with-lora | use-case-sound prompting-pushed knowledge-gap rag-tried use-case-stable latency-or-cost-problem format-at-volume large-labeled-dataset data-high-quality slower-iteration-ok
      all yes                            |                                                   | fine-tune-with-lora | use-case-sound prompting-pushed rag-tried use-case-stable latency-or-cost-problem format-at-volume large-labeled-dataset data-high-quality slower-iteration-ok
      format need only                   | latency-or-cost-problem=no                        | fine-tune-with-lora | use-case-sound prompting-pushed rag-tried use-case-stable format-at-volume large-labeled-dataset data-high-quality slower-iteration-ok
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
  void barely_touched_prompt_gives_prompt_first_assuming_the_use_case_is_sound() {
    VerdictCard card = rules.decide(answers("prompting-pushed=no"));

    assertThat(card.verdict()).isEqualTo("prompt-first");
    assertThat(card.reasons()).extracting(Reason::check).containsExactly("prompting-pushed");
    assertThat(card.assumptionLine()).isEqualTo("Assuming the use case is sound.");
  }

  @Test
  void pushed_prompts_and_a_knowledge_gap_without_retrieval_give_add_rag() {
    VerdictCard card = rules.decide(answers("prompting-pushed=yes, knowledge-gap=yes, rag-tried=no"));

    assertThat(card.verdict()).isEqualTo("add-rag");
    assertThat(card.reasons()).extracting(Reason::check).containsExactly("knowledge-gap", "rag-tried");
    assertThat(card.assumptionLine()).isEqualTo("Assuming the use case is sound.");
  }

  @Test
  void a_bad_use_case_is_never_assumed_only_stated() {
    assertThat(rules.decide(answers("use-case-sound=no")).verdict()).isEqualTo("fix-use-case");
    assertThat(rules.decide(answers("use-case-sound=no")).assumptions()).isEmpty();
    assertThat(rules.decide(answers("large-labeled-dataset=no")).verdict()).isEqualTo("get-better-data");
  }

  @Test
  void an_open_check_that_could_make_fine_tuning_right_asks_for_just_the_checks_that_flip_it() {
    VerdictCard card = rules.decide(all(YES, "use-case-stable=?, format-at-volume=?"));

    assertThat(card.verdict()).isEqualTo("need-more-info");
    // latency is a Yes, so the format answer cannot change the decision
    assertThat(card.reasons()).extracting(Reason::check).containsExactly("use-case-stable");
    assertThat(card.reasons()).extracting(Reason::answer).containsExactly(UNKNOWN);
    assertThat(card.nextStep()).contains("Is the use case stable, rather than still changing?");
  }

  @Test
  void not_sure_in_a_rule_with_the_same_verdict_as_the_one_that_holds_is_not_an_assumption() {
    VerdictCard card = rules.decide(all(YES, "use-case-stable=?, latency-or-cost-problem=no, format-at-volume=no"));

    assertThat(card.verdict()).isEqualTo("keep-prompting");
    assertThat(card.reasons()).extracting(Reason::check).containsExactly("latency-or-cost-problem", "format-at-volume");
    assertThat(card.assumptions()).isEmpty();
  }

  @Test
  void the_card_shows_at_most_three_reasons_at_first() {
    VerdictCard card = rules.decide(all(YES, ""));

    assertThat(card.reasons()).hasSize(9);
    assertThat(card.topReasons()).hasSize(3);
    assertThat(card.topReasons().get(0).line())
        .isEqualTo("Is the use case itself sound: would a perfect answer really help someone? Yes."
            + " Fine-tuning can't make a bad use case good. (What AI cannot do)");
  }

  // ---- exhaustive: every combination of Yes / No / Not sure / unanswered for all ten checks ----

  private static final List<String> CHECKS = Fixtures.CHECKLIST.checkIds();
  private static final int N = CHECKS.size();
  /** The written rules, straight from knowledge/checklists/README.md, over 0 = No and 1 = Yes. */
  private static final String[] RULE_VERDICT = {
      "fix-use-case", "prompt-first", "add-rag", "keep-prompting", "keep-prompting", "get-better-data", "keep-prompting"};

  private static int index(String check) {
    return CHECKS.indexOf(check);
  }

  private static final int SOUND = index("use-case-sound");
  private static final int PUSHED = index("prompting-pushed");
  private static final int GAP = index("knowledge-gap");
  private static final int RAG = index("rag-tried");
  private static final int STABLE = index("use-case-stable");
  private static final int DATA = index("large-labeled-dataset");
  private static final int QUALITY = index("data-high-quality");
  private static final int COST = index("latency-or-cost-problem");
  private static final int FORMAT = index("format-at-volume");
  private static final int ITERATE = index("slower-iteration-ok");

  /** Which of the seven written rules hold for a complete answer set, as bits. */
  private static int rulesThatHold(int[] a) {
    int bits = 0;
    if (a[SOUND] == 0) bits |= 1;
    if (a[PUSHED] == 0) bits |= 1 << 1;
    if (a[GAP] == 1 && a[RAG] == 0) bits |= 1 << 2;
    if (a[STABLE] == 0) bits |= 1 << 3;
    if (a[COST] == 0 && a[FORMAT] == 0) bits |= 1 << 4;
    if (a[DATA] == 0 || a[QUALITY] == 0) bits |= 1 << 5;
    if (a[ITERATE] == 0) bits |= 1 << 6;
    return bits;
  }

  @Test
  void every_combination_of_answers_decides_on_the_decision() {
    int combinations = 1;
    for (int i = 0; i < N; i++) {
      combinations *= 4;
    }
    Set<String> seen = new HashSet<>();
    for (int code = 0; code < combinations; code++) {
      // digit per check: 0 = No, 1 = Yes, 2 = "Not sure" given, 3 = not answered
      int[] digit = new int[N];
      Map<String, AnswerValue> given = new LinkedHashMap<>();
      List<Integer> open = new ArrayList<>();
      int rest = code;
      for (int i = 0; i < N; i++) {
        digit[i] = rest % 4;
        rest /= 4;
        switch (digit[i]) {
          case 0 -> given.put(CHECKS.get(i), NO);
          case 1 -> given.put(CHECKS.get(i), YES);
          case 2 -> given.put(CHECKS.get(i), UNKNOWN);
          default -> { }
        }
        if (digit[i] >= 2) {
          open.add(i);
        }
      }
      int completions = 1 << open.size();
      int surely = 0x7f;
      int possibly = 0;
      boolean[] fineTune = new boolean[completions];
      int[] a = new int[N];
      for (int mask = 0; mask < completions; mask++) {
        for (int i = 0; i < N; i++) {
          a[i] = digit[i];
        }
        for (int j = 0; j < open.size(); j++) {
          a[open.get(j)] = (mask >> j) & 1;
        }
        int holds = rulesThatHold(a);
        surely &= holds;
        possibly |= holds;
        fineTune[mask] = holds == 0;
      }
      VerdictCard card = rules.decide(new Answers(given));
      String what = given.toString();
      seen.add(card.verdict());

      boolean someFineTune = false;
      boolean someNot = false;
      for (boolean f : fineTune) {
        someFineTune |= f;
        someNot |= !f;
      }
      // need-more-info exactly when the open checks could go either way on fine-tuning itself
      assertThat(card.needsMoreInfo()).as(what).isEqualTo(someFineTune && someNot);
      if (card.needsMoreInfo()) {
        Set<String> flips = new LinkedHashSet<>();
        for (int j = 0; j < open.size(); j++) {
          for (int mask = 0; mask < completions; mask++) {
            if ((mask & 1 << j) == 0 && fineTune[mask] != fineTune[mask | 1 << j]) {
              flips.add(CHECKS.get(open.get(j)));
              break;
            }
          }
        }
        assertThat(card.reasons()).as(what).extracting(Reason::check).containsExactlyInAnyOrderElementsOf(flips);
        assertThat(card.assumptions()).as(what).isEmpty();
      } else if (!someNot) {
        assertThat(card.verdict()).as(what).isEqualTo("fine-tune-with-lora");
        assertThat(card.assumptions()).as(what).isEmpty();
      } else {
        int first = Integer.numberOfTrailingZeros(surely);
        assertThat(first).as("some rule surely holds for %s", what).isLessThan(7);
        assertThat(card.verdict()).as(what).isEqualTo(RULE_VERDICT[first]);
        List<String> assumed = new ArrayList<>();
        for (int r = 0; r < first; r++) {
          if ((possibly & 1 << r) != 0 && !RULE_VERDICT[r].equals(RULE_VERDICT[first])) {
            assumed.add(DecisionRules.assumption(r));
          }
        }
        assertThat(card.assumptions()).as(what).containsExactlyElementsOf(assumed);
        assertThat(card.reasons()).as(what).isNotEmpty().extracting(Reason::answer).doesNotContain(UNKNOWN);
        assertThat(card.assumptionLine().length()).as(what).isLessThan(300);
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(DecisionRules.VERDICTS);
  }

  @Test
  void the_checks_that_still_matter_are_exactly_those_that_can_change_the_verdict() {
    int combinations = 1;
    for (int i = 0; i < N; i++) {
      combinations *= 3;
    }
    for (int code = 0; code < combinations; code++) {
      int[] digit = new int[N];
      Map<String, AnswerValue> given = new LinkedHashMap<>();
      List<Integer> open = new ArrayList<>();
      int rest = code;
      for (int i = 0; i < N; i++) {
        digit[i] = rest % 3;
        rest /= 3;
        if (digit[i] < 2) {
          given.put(CHECKS.get(i), digit[i] == 1 ? YES : NO);
        } else {
          open.add(i);
        }
      }
      int completions = 1 << open.size();
      String[] verdict = new String[completions];
      int[] a = new int[N];
      for (int mask = 0; mask < completions; mask++) {
        System.arraycopy(digit, 0, a, 0, N);
        for (int j = 0; j < open.size(); j++) {
          a[open.get(j)] = (mask >> j) & 1;
        }
        int holds = rulesThatHold(a);
        verdict[mask] = holds == 0 ? "fine-tune-with-lora" : RULE_VERDICT[Integer.numberOfTrailingZeros(holds)];
      }
      List<String> expected = new ArrayList<>();
      for (int j = 0; j < open.size(); j++) {
        for (int mask = 0; mask < completions; mask++) {
          if ((mask & 1 << j) == 0 && !verdict[mask].equals(verdict[mask | 1 << j])) {
            expected.add(CHECKS.get(open.get(j)));
            break;
          }
        }
      }
      Answers answers = new Answers(given);
      List<String> matters = rules.stillMatters(answers);
      assertThat(matters).as("%s", given).containsExactlyElementsOf(expected);
      if (matters.isEmpty()) {
        // settled: the card is what every completion gives, with nothing left to assume
        VerdictCard card = rules.decide(answers);
        assertThat(card.verdict()).as("%s", given).isEqualTo(verdict[0]);
        assertThat(card.assumptions()).as("%s", given).isEmpty();
      }
    }
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
