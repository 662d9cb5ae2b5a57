package io.lessontutor.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefillTest {

  private final Prefill prefill = new Prefill(Fixtures.CHECKLIST);

  /** What a team types after the command, and exactly the answers it states (the rest stay Not sure). */
  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', textBlock = """
      we have 80k labeled tickets and latency is our problem            | large-labeled-dataset=yes, latency-or-cost-problem=yes
      we haven't tried RAG yet                                           | rag-tried=no
      we have 300 labeled examples                                       | large-labeled-dataset=no
      we have 80k examples                                               | large-labeled-dataset=yes
      we don't have 10k labeled examples yet                             | large-labeled-dataset=no
      we do not have 50,000 labeled rows                                 | large-labeled-dataset=no
      about 1,500 labeled rows                                           | large-labeled-dataset=no
      we have 120,000 annotated transcripts                              | large-labeled-dataset=yes
      tens of thousands of labeled emails                                | large-labeled-dataset=yes
      a few hundred examples, all hand-checked                           | large-labeled-dataset=no, data-high-quality=yes
      2.5m support tickets with labels                                   | large-labeled-dataset=yes
      we have no labeled data at all                                     | large-labeled-dataset=no
      we have lots of labled data                                        | large-labeled-dataset=yes
      our labels are noisy                                               | data-high-quality=no
      the labels are inconsistent                                        | data-high-quality=no
      the use case is unstable                                           | use-case-stable=no
      the labels are clean and consistent                                | data-high-quality=yes
      we have 50k high-quality labeled pairs                             | large-labeled-dataset=yes, data-high-quality=yes
      latncy is killing us                                               | latency-or-cost-problem=yes
      latency and cost are fine                                          | latency-or-cost-problem=no
      the API bill is way too expensive                                  | latency-or-cost-problem=yes
      cost isn't a concern for us                                        | latency-or-cost-problem=no
      we have latency issues prompt engineering can't solve              | latency-or-cost-problem=yes
      RAG didn't help much                                               | rag-tried=yes
      we already use retreival over our docs                             | rag-tried=yes
      we're thinking about RAG next                                      | rag-tried=no
      the model doesn't know our product catalogue                       | knowledge-gap=yes
      domain knowledge is the gap                                        | knowledge-gap=yes
      knowledge isn't the problem, the model knows our domain            | knowledge-gap=no
      we haven't really tried prompt engineering                         | prompting-pushed=no
      we only have a basic promt                                         | prompting-pushed=no
      we've exhausted prompting                                          | prompting-pushed=yes
      the use case is clear and stable                                   | use-case-sound=yes, use-case-stable=yes
      our use-case is still evolving every week                          | use-case-stable=no
      honestly the use case is vague                                     | use-case-sound=no
      the usecase hasn't changed in a year                               | use-case-stable=yes
      we need consistent JSON format at high volume                      | format-at-volume=yes
      output format doesn't matter to us                                 | format-at-volume=no
      we need to iterate fast                                            | slower-iteration-ok=no
      slower iteration is fine for us                                    | slower-iteration-ok=yes
      we can't afford slow iterations                                    | slower-iteration-ok=no
      we want to finetune because latency is bad                         | latency-or-cost-problem=yes
      not sure if the use case is stable                                 |
      maybe latency is a problem                                         |
      we want to fine tune a model                                       |
      hello                                                              |
      we have 80k labeled tickets but haven't tried RAG, and the labels are messy | large-labeled-dataset=yes, rag-tried=no, data-high-quality=no
      prompting is maxed out, RAG is in place, latency is our problem and we have 200k clean labeled examples | prompting-pushed=yes, rag-tried=yes, latency-or-cost-problem=yes, large-labeled-dataset=yes, data-high-quality=yes
      """)
  void description_prefills_exactly_what_it_states(String description, String expected) {
    assertThat(prefill.read(description)).isEqualTo(Fixtures.answers(expected == null ? "" : expected));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', textBlock = """
      not a knowledge thing. use case stable. data: we have about 300 labeled examples | knowledge-gap=no, use-case-stable=yes, large-labeled-dataset=no
      slow iteration? fine, we rarely change it                          | slower-iteration-ok=yes
      prompts: done. scope: frozen. latency: too high                    | prompting-pushed=yes, use-case-stable=yes, latency-or-cost-problem=yes
      knowledge gap? no                                                  | knowledge-gap=no
      400k invoices with hand-verified labels                            | large-labeled-dataset=yes, data-high-quality=yes
      2M calls a day, reviewed by nobody                                 |
      nobody's set up retrieval over the repo yet                        | rag-tried=no
      latency and cost are a non-issue                                   | latency-or-cost-problem=no
      we wrote the prompt in an afternoon                                | prompting-pushed=no
      it has never seen our docs                                         | knowledge-gap=yes
      we're still figuring out the scope                                 | use-case-stable=no
      product direction is still up in the air                           | use-case-stable=no
      no one on the team can tolerate slower iteration                   | slower-iteration-ok=no
      it keeps getting our refund policy wrong                           | knowledge-gap=yes
      it fabricates our return windows                                   | knowledge-gap=yes
      the model lacks our chart of accounts                              | knowledge-gap=yes
      it answers from generic knowledge instead of our leave policy      | knowledge-gap=yes
      we wrote the system message once and never went back to it         | prompting-pushed=no
      """)
  void sentences_labels_and_counts_of_labelled_items_are_read_as_written(String description, String expected) {
    // a short fragment does not join across a sentence end; a label before ':' or '?' takes what
    // follows; a count a few words before a labelling word is a labeled dataset, a rate is not
    assertThat(prefill.read(description)).isEqualTo(Fixtures.answers(expected == null ? "" : expected));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', textBlock = """
      translators use it on every string                                 | use-case-sound=yes
      the coders run it on every chart                                   | use-case-sound=yes
      the doctors ignore its output completely                           | use-case-sound=no
      the clinicians don't want it                                       | use-case-sound=no
      telemetry says 0 users ever open it                                | use-case-sound=no
      we used it once in a demo                                          |
      what we want from it changes                                       |
      we rely on it daily and prompting is maxed                         | use-case-sound=yes, prompting-pushed=yes
      we don't mind what the output looks like                           |
      """)
  void whether_people_use_what_was_built_says_whether_the_use_case_is_sound(String description, String expected) {
    assertThat(prefill.read(description)).isEqualTo(Fixtures.answers(expected == null ? "" : expected));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', textBlock = """
      the merch team rewrites the brief every week                       | use-case-stable=no
      what the bot should cover changes with every reorg                 | use-case-stable=no
      we change the prompt every day                                     | slower-iteration-ok=no
      the brief hasnt changed every week                                 |
      the brief changed once                                             |
      the brief changes every week and latency and cost arent a problem  | use-case-stable=no, latency-or-cost-problem=no
      we push prompt changes hourly                                      | slower-iteration-ok=no
      we adjust the bot every afternoon                                  | slower-iteration-ok=no
      we dont tweak the prompt daily                                     |
      """)
  void something_that_changes_again_and_again_is_an_unstable_use_case_and_a_prompt_changed_within_the_day_fast_iteration(String description,
      String expected) {
    assertThat(prefill.read(description)).isEqualTo(Fixtures.answers(expected == null ? "" : expected));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', textBlock = """
      we have a big labeled set but haven't checked label quality at all | large-labeled-dataset=yes
      lots of labelled examples (like 90k) but nobody has checked them   | large-labeled-dataset=yes
      we never measured latency                                          |
      the labels are messy                                               | data-high-quality=no
      labels are clean, we haven't checked latency                       | data-high-quality=yes
      we haven't tried RAG                                               | rag-tried=no
      """)
  void what_nobody_checked_is_not_known_so_an_unchecked_state_is_left_open_but_an_action_not_taken_is_a_no(
      String description, String expected) {
    assertThat(prefill.read(description)).isEqualTo(Fixtures.answers(expected == null ? "" : expected));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', textBlock = """
      we'd love a stable scope                                           |
      would rather have RAG than fine-tune                               |
      if we had clean labels we would fine-tune                          |
      hoping to get 50k labels                                           |
      ideally the scope would stay fixed                                 |
      we wish latency was better                                         | latency-or-cost-problem=yes
      we might try RAG next                                              | rag-tried=no
      the scope is stable and we'd love clean labels                     | use-case-stable=yes
      """)
  void a_wish_or_a_supposition_never_says_the_state_wished_for_holds(String description, String expected) {
    assertThat(prefill.read(description)).isEqualTo(Fixtures.answers(expected == null ? "" : expected));
  }

  @Test
  void each_answer_says_how_it_was_read() {
    Prefill.Reading reading = prefill.reading("the labels are messy and the users use it every day");
    assertThat(reading.answers()).isEqualTo(Fixtures.answers("data-high-quality=no, use-case-sound=yes"));
    assertThat(reading.how()).containsEntry("data-high-quality", Prefill.How.CUE)
        .containsEntry("use-case-sound", Prefill.How.PATTERN).hasSize(2);
  }

  @Test
  void the_large_dataset_threshold_is_ten_thousand_items() {
    assertThat(prefill.read("9,999 labeled examples").get("large-labeled-dataset")).isEqualTo(AnswerValue.NO);
    assertThat(prefill.read("10,000 labeled examples").get("large-labeled-dataset")).isEqualTo(AnswerValue.YES);
    assertThat(Prefill.LARGE_DATASET_MIN).isEqualTo(10_000);
  }

  @Test
  void a_later_clause_overrides_an_earlier_one() {
    assertThat(prefill.read("latency is a problem. actually no, latency is fine").get("latency-or-cost-problem"))
        .isEqualTo(AnswerValue.NO);
  }

  @Test
  void blank_or_missing_description_states_nothing() {
    assertThat(prefill.read(null)).isEqualTo(Answers.none());
    assertThat(prefill.read("   ")).isEqualTo(Answers.none());
  }

  @Test
  void typos_within_the_edit_budget_match_and_short_words_must_be_exact() {
    Prefill.Words words = new Prefill.Words("latency labeled retrieval =context rag");
    assertThat(words.matches("latncy")).isTrue();
    assertThat(words.matches("labled")).isTrue();
    assertThat(words.matches("retreival")).isTrue();
    assertThat(words.matches("content")).isFalse();
    assertThat(words.matches("rags")).isFalse();
    assertThat(words.matches("lottery")).isFalse();
  }
}
