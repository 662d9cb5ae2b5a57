package io.lessontutor.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every lesson the tutor serves, loaded from {@code lessons/*.md} under the knowledge folder.
 * Immutable and safe to share between threads.
 */
public final class LessonLibrary {

  private final List<Lesson> lessons;
  private final Map<String, Passage> passagesById;

  public LessonLibrary(List<Lesson> lessons) {
    this.lessons = List.copyOf(lessons);
    Map<String, Passage> byId = new LinkedHashMap<>();
    Map<String, Lesson> lessonIds = new LinkedHashMap<>();
    for (Lesson lesson : this.lessons) {
      Lesson twin = lessonIds.put(lesson.id(), lesson);
      if (twin != null) {
        throw new KnowledgeFileException(lesson.source(), 1,
            "lesson id '" + lesson.id() + "' is already used by " + twin.source());
      }
      lesson.passages().forEach(p -> byId.put(p.id(), p));
    }
    this.passagesById = Map.copyOf(byId);
  }

  /** Loads every {@code *.md} file in {@code knowledgeDir/lessons}, in file-name order. */
  public static LessonLibrary load(Path knowledgeDir) {
    Path dir = knowledgeDir.resolve("lessons");
    if (!Files.isDirectory(dir)) {
      throw new KnowledgeFileException(dir, 0, "no lessons folder: expected " + dir.toAbsolutePath());
    }
    LessonFileParser parser = new LessonFileParser();
    try (Stream<Path> files = Files.list(dir)) {
      List<Lesson> lessons = files
          .filter(f -> f.getFileName().toString().endsWith(".md"))
          .sorted()
          .map(parser::parse)
          .toList();
      if (lessons.isEmpty()) {
        throw new KnowledgeFileException(dir, 0, "no lesson files (*.md) in the lessons folder");
      }
      return new LessonLibrary(lessons);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  public List<Lesson> lessons() {
    return lessons;
  }

  /** All passages of all lessons, in reading order. */
  public List<Passage> passages() {
    return lessons.stream().flatMap(l -> l.passages().stream()).toList();
  }

  public Optional<Passage> passage(String id) {
    return Optional.ofNullable(passagesById.get(id));
  }

  /** The passage after this one in its section ("and after that?"), if the section goes on. */
  public Optional<Passage> next(Passage passage) {
    List<Passage> all = passages();
    int at = all.indexOf(passage);
    if (at < 0 || at + 1 >= all.size()) {
      return Optional.empty();
    }
    Passage after = all.get(at + 1);
    return after.lessonId().equals(passage.lessonId()) && after.section().equals(passage.section())
        ? Optional.of(after) : Optional.empty();
  }
}
