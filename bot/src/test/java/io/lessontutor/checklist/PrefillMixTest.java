package io.lessontutor.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pre-fill as front ends use it: rule cues, then the MiniLM matcher for clauses they miss. */
class PrefillMixTest {

  private final Prefill prefill = new Prefill(Fixtures.CHECKLIST, ClauseMatcher::shared, Prefill.DEFAULT_MIX);

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', textBlock = """
      customers rely on it                                                 | use-case-sound=yes
      it solves a real problem                                             | use-case-sound=yes
      nobody asked for this                                                | use-case-sound=no
      the prompt is a first draft                                          | prompting-pushed=no
      the spec moves every month                                           | use-case-stable=no
      the scope hasn't moved since spring                                  | use-case-stable=yes
      plenty of examples, but half the labels are wrong                    | large-labeled-dataset=yes, data-high-quality=no
      we have 5k exmaples                                                  | large-labeled-dataset=no
      1M labeled rows                                                      | large-labeled-dataset=yes
      200k rows, all reviewed                                              | large-labeled-dataset=yes, data-high-quality=yes
      a few hundred examples                                               | large-labeled-dataset=no
      zero training data                                                   | large-labeled-dataset=no
      we need the same tone across 50k emails a day                        | format-at-volume=yes
      prompts r tuned already                                              | prompting-pushed=yes
      we havent tried retrieval                                            | rag-tried=no
      RAG didn't help                                                      | rag-tried=yes
      retrieval is live                                                    | rag-tried=yes
      nobody minds slower iteration                                        | slower-iteration-ok=yes
      slow iteration would kill us                                         | slower-iteration-ok=no
      fine w slower iteration                                              | slower-iteration-ok=yes
      latency isnt an issue                                                | latency-or-cost-problem=no
      our api bill is fine and response time is ok                         | latency-or-cost-problem=no
      the model keeps making up facts about our policies                   | knowledge-gap=yes
      the model already has all the context it needs                       | knowledge-gap=no
      prompting gets it right most of the time but not all                 |
      not sure the use case is solid                                       |
      """)
  void everyday_descriptions_prefill_what_they_state(String description, String expected) {
    assertThat(prefill.read(description)).isEqualTo(Fixtures.answers(expected == null ? "" : expected));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', textBlock = """
      honestly the data is a mess                                          | data-high-quality=no
      nobody cares how long retraining takes                               | slower-iteration-ok=yes
      we dont need it to be fast or cheap                                  | latency-or-cost-problem=no
      nobody complains about the speed                                     | latency-or-cost-problem=no
      tbh no one would notice if we switched this feature off              | use-case-sound=no
      no knowledge gap really, scope locked since Q2                       | knowledge-gap=no, use-case-stable=yes
      around 40k labels, but the taggers never agreed on the guidelines    | large-labeled-dataset=yes, data-high-quality=no
      the office coffee machine is broken again                            |
      """)
  void yes_or_no_within_a_check_comes_from_what_the_clause_says_of_it(String description, String expected) {
    // polarity after the matcher ("a mess", "nobody cares"), a clear winner below the threshold
    // ("no one would notice"), "since Q2" kept in its clause, a count with its unit a clause of its own
    assertThat(prefill.read(description)).isEqualTo(Fixtures.answers(expected == null ? "" : expected));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', textBlock = """
      great use case, terrible prompt                                      | use-case-sound=yes, prompting-pushed=no
      50k labeled but the vendor's quality was awful                       | large-labeled-dataset=yes, data-high-quality=no
      contractors labeled it fast and cheap                                |
      nobody has really sat down with the prompt yet                       | prompting-pushed=no
      we threw together some instructions in ten minutes and shipped       | prompting-pushed=no
      p95 is 4s and we need under 500ms, prompting cant get there          | latency-or-cost-problem=yes
      people actually want this, support tickets keep asking for it        | use-case-sound=yes
      """)
  void a_subject_word_with_no_answer_word_is_answered_by_the_judgement_or_the_checks_own_examples(String description,
      String expected) {
    // a judged subject is its own clause ("terrible prompt"); an evaluative word answers a cue that
    // has no answer word of its own, and only an evaluative word: "asking for" is no judgement of
    // the tickets; failing both, the check's own examples vote, never through a negation that
    // says the thing was tried ("prompting cant get there")
    assertThat(prefill.read(description)).isEqualTo(Fixtures.answers(expected == null ? "" : expected));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', textBlock = """
      we'd happily take monthly model updates over daily prompt tweaks     | slower-iteration-ok=yes
      """)
  void in_a_preference_the_preferred_side_is_what_the_clause_says(String description, String expected) {
    assertThat(prefill.read(description)).isEqualTo(Fixtures.answers(expected == null ? "" : expected));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', textBlock = """
      customers rely on it daily, we squeezed the prompts dry, retrieval is live, scope hasnt moved since spring, 400k reviewed labels, inference bill is our biggest cost, fine w slower iteration | fine-tune-with-lora
      Honestly we've barely touched the prompt | prompt-first
      The prompts are as good as we can make them, but the model doesn't know our product catalogue and we haven't wired up retrieval | add-rag
      """)
  void the_issues_descriptions_get_the_verdict_the_lesson_implies(String description, String verdict) {
    assertThat(new DecisionRules(Fixtures.CHECKLIST).decide(prefill.read(description)).verdict()).isEqualTo(verdict);
  }
}
