package io.lessontutor.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeFilesTest {

  @TempDir Path dir;

  @Test
  void a_yaml_error_in_the_front_matter_is_one_line_with_the_files_own_line_number() throws Exception {
    Path file = dir.resolve("bad.md");
    Files.writeString(file, "---\nid: bad\ntitle: \"Bad\"\nlesson: 1\ntrack: [unclosed\ncourse_size: 2\n---\n# A\ntext\n");

    assertThatThrownBy(() -> new LessonFileParser().parse(file))
        .isInstanceOf(KnowledgeFileException.class)
        .satisfies(e -> {
          assertThat(((KnowledgeFileException) e).line()).isEqualTo(5); // "track: [unclosed" is the file's line 5
          assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("reader")
              .contains("bad.md:5: the front matter is not valid YAML:");
        });
  }

  @Test
  void a_file_that_is_not_utf8_says_so_with_the_line_of_the_first_bad_byte() throws Exception {
    Path file = dir.resolve("latin1.md");
    Files.write(file, "---\nid: x\ntitle: \"caf\u00e9\"\n---\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> KnowledgeFiles.readLines(file))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining("latin1.md:3: the file is not UTF-8 text").hasMessageContaining("save it as UTF-8")
        .hasMessageNotContaining("Input length");
  }

  @Test
  void a_problem_with_the_whole_file_is_not_given_line_zero() {
    assertThat(new KnowledgeFileException(dir.resolve("x.md"), 0, "cannot read the file").getMessage())
        .endsWith("x.md: cannot read the file");
  }
}
