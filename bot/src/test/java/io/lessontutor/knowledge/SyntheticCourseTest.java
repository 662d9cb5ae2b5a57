package io.lessontutor.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticCourseTest {

  private static final Path KNOWLEDGE = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge"));

  @Test
  void the_same_seed_gives_the_same_course_and_another_seed_a_different_one() {
    assertThat(new SyntheticCourse(7).lessons(30)).isEqualTo(new SyntheticCourse(7).lessons(30));
    assertThat(new SyntheticCourse(8).lessons(30)).isNotEqualTo(new SyntheticCourse(7).lessons(30));
  }

  @Test
  void every_lesson_of_a_whole_course_passes_the_lesson_file_checks_beside_the_real_lesson(@TempDir Path dir) {
    LessonLibrary library = LessonLibrary.load(new SyntheticCourse(1).write(KNOWLEDGE, dir, SyntheticCourse.COURSE_SIZE - 1));
    assertThat(library.lessons()).hasSize(SyntheticCourse.COURSE_SIZE);
    assertThat(library.lessons()).extracting(Lesson::number).doesNotHaveDuplicates()
        .contains(SyntheticCourse.REAL_LESSON_NUMBER);
    // bullets under "What AI cannot do" carry their 'says:' line and claims, as the real lesson's do
    Lesson generated = library.lessons().get(0);
    assertThat(generated.passages()).filteredOn(p -> p.section().equals("What AI cannot do"))
        .isNotEmpty().allSatisfy(p -> {
          assertThat(p.says()).contains("can't");
          assertThat(p.claims()).isNotEmpty();
        });
  }

  @Test
  void generated_lessons_share_the_real_lessons_vocabulary(@TempDir Path dir) throws Exception {
    new SyntheticCourse(1).write(KNOWLEDGE, dir, 200);
    List<String> texts;
    try (var files = Files.list(dir.resolve("lessons"))) {
      texts = files.filter(f -> f.getFileName().toString().startsWith("lesson-")).map(f -> {
        try {
          return Files.readString(f).toLowerCase();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
    assertThat(texts).hasSize(200);
    for (String word : List.of("prompt", "labeled dataset", "lora", "latency", "cost")) {
      assertThat(texts.stream().filter(t -> t.contains(word)).count()).as(word).isGreaterThan(5);
    }
  }
}
