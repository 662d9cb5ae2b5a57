package io.lessontutor.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lessontutor.knowledge.KnowledgeFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecklistFileParserTest {

  @TempDir Path dir;

  private final ChecklistFileParser parser = new ChecklistFileParser(Fixtures.LIBRARY);

  @Test
  void the_shipped_checklist_covers_the_issue_s_checks_and_every_verdict() {
    Checklist checklist = Fixtures.CHECKLIST;

    assertThat(checklist.checkIds()).contains(
        "use-case-sound", "prompting-pushed", "knowledge-gap", "rag-tried", "use-case-stable",
        "large-labeled-dataset", "data-high-quality", "latency-or-cost-problem", "format-at-volume",
        "slower-iteration-ok");
    assertThat(checklist.verdicts()).extracting(Verdict::id).containsExactlyElementsOf(DecisionRules.VERDICTS);
    assertThat(checklist.checks()).allSatisfy(c -> assertThat(c.passage().text()).contains(c.quote()));
  }

  @Test
  void an_unknown_passage_stops_loading_naming_file_line_check_and_passage() throws IOException {
    Path file = copyWith("passage: when-to-fine-tune-vs-when-to-just-prompt/what-ai-does-well-here/2\n    quote: \"Try RAG second\"",
        "passage: when-to-fine-tune-vs-when-to-just-prompt/what-ai-does-well-here/9\n    quote: \"Try RAG second\"");

    assertThatThrownBy(() -> parser.parse(file))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageStartingWith(file.toString() + ":")
        .hasMessageContaining("check 'rag-tried'")
        .hasMessageContaining("passage 'when-to-fine-tune-vs-when-to-just-prompt/what-ai-does-well-here/9' is not in the lesson library")
        .satisfies(e -> assertThat(lineOf((KnowledgeFileException) e, file)).contains("what-ai-does-well-here/9"));
  }

  @Test
  void a_quote_that_is_not_in_its_passage_stops_loading() throws IOException {
    Path file = copyWith("quote: \"stable use case\"", "quote: \"a stable and boring use case\"");

    assertThatThrownBy(() -> parser.parse(file))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("check 'use-case-stable'")
        .hasMessageContaining("the quote \"a stable and boring use case\" is not in passage when-to-fine-tune-vs-when-to-just-prompt/what-ai-does-well-here/3")
        .satisfies(e -> assertThat(lineOf((KnowledgeFileException) e, file)).contains("a stable and boring use case"));
  }

  @Test
  void a_duplicate_check_id_stops_loading() throws IOException {
    Path file = copyWith("- id: rag-tried", "- id: knowledge-gap");

    assertThatThrownBy(() -> parser.parse(file))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("check id 'knowledge-gap' is used twice")
        .satisfies(e -> assertThat(((KnowledgeFileException) e).line()).isGreaterThan(20));
  }

  @Test
  void a_missing_field_stops_loading_naming_the_check_and_field() throws IOException {
    Path file = copyWith("    why: \"Fine-tuning slows your iteration speed dramatically.\"\n", "");

    assertThatThrownBy(() -> parser.parse(file))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("check 'slower-iteration-ok' lacks 'why'");
  }

  @Test
  void an_unknown_key_is_reported_rather_than_ignored() throws IOException {
    Path file = copyWith("    why: \"Fine-tuning slows your iteration speed dramatically.\"\n",
        "    whyy: \"Fine-tuning slows your iteration speed dramatically.\"\n");

    assertThatThrownBy(() -> parser.parse(file))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("check 'slower-iteration-ok': unknown key 'whyy'");
  }

  @Test
  void a_missing_verdict_stops_the_rules_from_starting() throws IOException {
    String yaml = Files.readString(Fixtures.KNOWLEDGE.resolve(Checklist.FILE));
    int at = yaml.indexOf("  - id: need-more-info");
    Path file = dir.resolve("checklist.yaml");
    Files.writeString(file, yaml.substring(0, at));
    Checklist checklist = parser.parse(file);

    assertThatThrownBy(() -> new DecisionRules(checklist))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("lacks the verdict 'need-more-info'");
  }

  @Test
  void a_missing_file_is_a_clear_error() {
    assertThatThrownBy(() -> parser.load(dir))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("cannot read the checklist file");
  }

  private Path copyWith(String from, String to) throws IOException {
    String yaml = Files.readString(Fixtures.KNOWLEDGE.resolve(Checklist.FILE));
    assertThat(yaml).contains(from);
    Path file = dir.resolve("should-we-finetune.yaml");
    Files.writeString(file, yaml.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    return file;
  }

  private static String lineOf(KnowledgeFileException e, Path file) throws IOException {
    return Files.readAllLines(file).get(e.line() - 1);
  }
}
