package io.lessontutor.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lessontutor.TestTutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonFileParserTest {

  private static final String FRONT = """
      ---
      id: demo-lesson
      title: "Demo"
      lesson: 1
      course_size: 10
      track: "Track"
      reading_time: "~1 min read"
      summary: "A summary. Two sentences."
      ---
      """;

  @TempDir Path dir;

  private Lesson parse(String text) throws IOException {
    Path file = dir.resolve("demo.md");
    Files.writeString(file, text);
    return new LessonFileParser().parse(file);
  }

  @Test
  void the_published_lesson_loads_with_its_sections_and_stable_ids() {
    LessonLibrary library = LessonLibrary.load(TestTutor.KNOWLEDGE);
    Lesson lesson = library.lessons().get(0);
    assertThat(lesson.title()).isEqualTo("When to Fine-Tune vs When to Just Prompt: A Decision Framework");
    assertThat(lesson.number()).isEqualTo(657);
    assertThat(lesson.courseSize()).isEqualTo(1596);
    assertThat(lesson.track()).isEqualTo("Creators · Model Families");
    assertThat(lesson.sections()).containsExactly(
        "Lesson summary", "About this lesson", "The premise", "What AI does well here", "What AI cannot do", "Related lessons", "Key terms");
    Passage lora = library.passage("when-to-fine-tune-vs-when-to-just-prompt/what-ai-does-well-here/4").orElseThrow();
    assertThat(lora.text()).isEqualTo("Use LoRA / parameter-efficient methods rather than full fine-tuning when possible");
    assertThat(lora.kind()).isEqualTo(Passage.Kind.BULLET);
    assertThat(lora.askedAs()).isNotEmpty();
    Passage related = library.passage("when-to-fine-tune-vs-when-to-just-prompt/related-lessons/1").orElseThrow();
    assertThat(related.relatedLesson()).isEqualTo("When Fine-Tuning Actually Beats Just Writing a Better Prompt");
    assertThat(related.text()).startsWith("Fine-tune for style and format consistency at high volume");
    assertThat(lesson.suggestedQuestions()).hasSize(3);
  }

  @Test
  void every_passage_keeps_the_published_wording() throws IOException {
    // the published page sits in shared/, beside the repository, for developers and CI alike
    Path page = TestTutor.KNOWLEDGE.toAbsolutePath().normalize().getParent().getParent()
        .resolve("shared/lesson/lesson-657-when-to-fine-tune-vs-when-to-just-prompt.txt");
    Assumptions.assumeTrue(Files.exists(page), "the published lesson is not beside the repository");
    String published = Files.readString(page);
    LessonLibrary library = LessonLibrary.load(TestTutor.KNOWLEDGE);
    for (Passage p : library.passages()) {
      if (p.kind() != Passage.Kind.TERM && !p.section().equals(LessonFileParser.ABOUT_SECTION)) {
        assertThat(published).as(p.id()).contains(p.text());
      }
    }
  }

  @Test
  void paragraphs_bullets_related_lessons_and_terms_are_told_apart() throws IOException {
    Lesson lesson = parse(FRONT + """
        # One
        First line
        continues here.

        - a bullet
          also: another way to ask; and one more
        # Two
        - [Other lesson] (Track · 5 min) Its summary.
        - **Term**: its definition.
        """);
    List<Passage> ps = lesson.passages();
    assertThat(ps).extracting(Passage::kind).containsExactly(Passage.Kind.PARAGRAPH, Passage.Kind.PARAGRAPH,
        Passage.Kind.PARAGRAPH, Passage.Kind.BULLET, Passage.Kind.RELATED, Passage.Kind.TERM);
    assertThat(ps.get(1).text()).isEqualTo("Lesson 1 of 10 · Track · ~1 min read.");
    assertThat(ps.get(2).text()).isEqualTo("First line continues here.");
    assertThat(ps.get(3).askedAs()).containsExactly("another way to ask", "and one more");
    assertThat(ps.get(4).relatedLesson()).isEqualTo("Other lesson");
    assertThat(ps.get(5).text()).isEqualTo("Term: its definition.");
    assertThat(ps).extracting(Passage::id).containsExactly("demo-lesson/lesson-summary/1", "demo-lesson/about-this-lesson/1",
        "demo-lesson/one/1", "demo-lesson/one/2", "demo-lesson/two/1", "demo-lesson/two/2");
  }

  @Test
  void a_says_line_gives_the_sentence_the_tutor_says_for_its_bullet() throws IOException {
    Lesson lesson = parse(FRONT + "# What AI cannot do\n- Make a bad use case good with fine-tuning\n"
        + "  says: Fine-tuning can't make a bad use case good.\n");
    Passage bullet = lesson.passages().get(2);
    assertThat(bullet.text()).isEqualTo("Make a bad use case good with fine-tuning");
    assertThat(bullet.says()).isEqualTo("Fine-tuning can't make a bad use case good.");
    assertThat(bullet.meaning()).isEqualTo(bullet.says());
  }

  @Test
  void start_up_rejects_a_says_line_with_a_word_its_passage_lacks_naming_file_line_and_word() {
    assertThatThrownBy(() -> parse(FRONT + "# What AI cannot do\n- Make a bad use case good with fine-tuning\n"
        + "  says: Fine-tuning can't make a bad use case profitable.\n"))
        .isInstanceOfSatisfying(KnowledgeFileException.class, e -> assertThat(e.line()).isEqualTo(12))
        .hasMessageContaining("demo.md:12")
        .hasMessageContaining("'profitable'");
  }

  @Test
  void a_claims_line_gives_the_propositions_its_passage_asserts_with_their_polarity() throws IOException {
    Lesson lesson = parse(FRONT + "# What AI does well here\n- Try prompt engineering first — prompts often match fine-tuning\n"
        + "  claims: yes: prompt engineering first; usually-not: fine-tuning first\n");
    assertThat(lesson.passages().get(2).claims()).containsExactly(
        new Claim("yes", "prompt engineering first"), new Claim("usually-not", "fine-tuning first"));
  }

  @Test
  void start_up_rejects_a_claim_with_a_word_its_passage_lacks_naming_file_line_and_word() {
    assertThatThrownBy(() -> parse(FRONT + "# What AI does well here\n- Try prompt engineering first\n"
        + "  claims: yes: prompt engineering first; no: prompt engineering expensive\n"))
        .isInstanceOfSatisfying(KnowledgeFileException.class, e -> assertThat(e.line()).isEqualTo(12))
        .hasMessageContaining("demo.md:12")
        .hasMessageContaining("'expensive'");
  }

  @Test
  void start_up_rejects_a_claim_without_a_known_stance() {
    assertThatThrownBy(() -> parse(FRONT + "# S\n- Try prompt engineering first\n  claims: maybe: prompt engineering first\n"))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("demo.md:12")
        .hasMessageContaining("yes, no or usually-not");
    assertThatThrownBy(() -> parse(FRONT + "# S\n- Try prompt engineering first\n  claims: prompt engineering first\n"))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("needs its stance first");
  }

  @Test
  void a_says_line_may_add_only_function_words_and_negations() throws IOException {
    // "doesn't", "the", "it" are on the closed list; "slows" is "slow" in the bullet; "iteration" in it too
    Lesson lesson = parse(FRONT + "# What AI cannot do\n- Eliminate the iteration cost — fine-tuning slows your iteration speed\n"
        + "  says: Fine-tuning doesn't eliminate the iteration cost: it slows your iteration speed.\n");
    assertThat(lesson.passages().get(2).says()).startsWith("Fine-tuning doesn't eliminate");
  }

  @Test
  void a_bullet_under_a_negating_heading_without_a_says_line_stops_start_up() {
    assertThatThrownBy(() -> parse(FRONT + "# What AI cannot do\n- Make a bad use case good with fine-tuning\n"))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("demo.md:11")
        .hasMessageContaining("add a 'says:' line");
  }

  @Test
  void every_bullet_of_the_published_lessons_cannot_do_section_has_its_negation() {
    Lesson lesson = TestTutor.get().library().lessons().get(0);
    List<Passage> cannot = lesson.passages().stream().filter(p -> p.section().equals("What AI cannot do")).toList();
    assertThat(cannot).hasSize(3).allSatisfy(p -> assertThat(p.says()).containsPattern("\\b(can't|doesn't)\\b"));
  }

  @Test
  void missing_front_matter_key_names_the_file_and_the_key() {
    assertThatThrownBy(() -> parse(FRONT.replace("track: \"Track\"\n", "") + "# S\ntext\n"))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("demo.md")
        .hasMessageContaining("lacks 'track'");
  }

  @Test
  void text_before_the_first_section_names_its_line() {
    assertThatThrownBy(() -> parse(FRONT + "stray text\n# S\ntext\n"))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("demo.md:10")
        .hasMessageContaining("before the first '# Section'");
  }

  @Test
  void malformed_yaml_and_bad_numbers_are_reported_with_a_line() {
    assertThatThrownBy(() -> parse(FRONT.replace("lesson: 1", "lesson: [1") + "# S\ntext\n"))
        .isInstanceOf(KnowledgeFileException.class).hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> parse(FRONT.replace("lesson: 1", "lesson: one") + "# S\ntext\n"))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("demo.md:4")
        .hasMessageContaining("positive whole number");
  }

  @Test
  void unknown_keys_empty_sections_and_broken_bullets_are_refused() {
    assertThatThrownBy(() -> parse(FRONT.replace("track:", "colour: red\ntrack:") + "# S\ntext\n"))
        .isInstanceOf(KnowledgeFileException.class).hasMessageContaining("unknown front matter key 'colour'");
    assertThatThrownBy(() -> parse(FRONT + "# Empty\n# S\ntext\n"))
        .isInstanceOf(KnowledgeFileException.class).hasMessageContaining("section 'Empty' has no text");
    assertThatThrownBy(() -> parse(FRONT + "# S\n- [Broken title without meta\n"))
        .isInstanceOf(KnowledgeFileException.class).hasMessageContaining("demo.md:11");
    assertThatThrownBy(() -> parse(FRONT + "# S\nalso: orphan\n"))
        .isInstanceOf(KnowledgeFileException.class).hasMessageContaining("'also:' line must follow");
    assertThatThrownBy(() -> parse("no front matter\n"))
        .isInstanceOf(KnowledgeFileException.class).hasMessageContaining("demo.md:1");
  }

  @Test
  void two_lessons_with_one_id_stop_loading() throws IOException {
    Path lessons = Files.createDirectories(dir.resolve("k/lessons"));
    Files.writeString(lessons.resolve("a.md"), FRONT + "# S\ntext\n");
    Files.writeString(lessons.resolve("b.md"), FRONT + "# S\ntext\n");
    assertThatThrownBy(() -> LessonLibrary.load(dir.resolve("k")))
        .isInstanceOf(KnowledgeFileException.class).hasMessageContaining("already used");
  }
}
