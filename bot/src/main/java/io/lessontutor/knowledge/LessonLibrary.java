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
  private final Map<String, String> digests;

  public LessonLibrary(List<Lesson> lessons) {
    this(lessons, Map.of());
  }

  /**
   * @param digests each lesson's {@link Lesson#digest} by id, as already known (kept by
   *     {@link LessonCache}); the others are computed when asked for
   */
  LessonLibrary(List<Lesson> lessons, Map<String, String> digests) {
    this.lessons = List.copyOf(lessons);
    this.digests = Map.copyOf(digests);
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

  /** The folder under the knowledge folder that holds the lesson files. */
  static final String LESSONS_FOLDER = "lessons";

  /** Loads every {@code *.md} file in {@code knowledgeDir/lessons}, in file-name order. */
  public static LessonLibrary load(Path knowledgeDir) {
    LessonFileParser parser = new LessonFileParser();
    // parsed on every core: at 1,596 lessons reading them is a large part of a restart; kept in name order
    return new LessonLibrary(lessonFiles(knowledgeDir).parallelStream().map(parser::parse).toList());
  }

  /** The lesson files ({@code *.md}) in {@code knowledgeDir/lessons}, in name order; at least one. */
  static List<Path> lessonFiles(Path knowledgeDir) {
    Path dir = knowledgeDir.resolve(LESSONS_FOLDER);
    if (!Files.isDirectory(dir)) {
      throw new KnowledgeFileException(dir, 0, "no lessons folder: expected " + dir.toAbsolutePath());
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> lessons = files
          .filter(f -> f.getFileName().toString().endsWith(".md"))
          .sorted()
          .toList();
      if (lessons.isEmpty()) {
        throw new KnowledgeFileException(dir, 0, "no lesson files (*.md) in the lessons folder");
      }
      return lessons;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /**
   * The lessons whose id matches one of {@code globs} ({@code *} any characters, {@code ?} one);
   * every lesson when {@code globs} is empty. A glob that matches no lesson is an error that names
   * {@code setting} and a few of the ids there are, so a typo never silently serves nothing.
   */
  public LessonLibrary select(List<String> globs, String setting) {
    if (globs.isEmpty()) {
      return this;
    }
    List<java.util.regex.Pattern> patterns = globs.stream().map(LessonLibrary::globPattern).toList();
    for (int i = 0; i < globs.size(); i++) {
      java.util.regex.Pattern p = patterns.get(i);
      if (lessons.stream().noneMatch(l -> p.matcher(l.id()).matches())) {
        throw new IllegalArgumentException(setting + ": '" + globs.get(i) + "' matches no lesson; lesson ids include "
            + String.join(", ", lessons.stream().limit(TITLES_IN_SCOPE).map(Lesson::id).toList()));
      }
    }
    return new LessonLibrary(lessons.stream()
        .filter(l -> patterns.stream().anyMatch(p -> p.matcher(l.id()).matches()))
        .toList(), digests);
  }

  /** The lesson's {@link Lesson#digest}: as kept with it when it came from the cache, else computed now. */
  public String digest(Lesson lesson) {
    String known = digests.get(lesson.id());
    return known != null ? known : lesson.digest();
  }

  private static java.util.regex.Pattern globPattern(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      regex.append(switch (c) {
        case '*' -> ".*";
        case '?' -> ".";
        default -> java.util.regex.Pattern.quote(String.valueOf(c));
      });
    }
    return java.util.regex.Pattern.compile(regex.toString());
  }

  public List<Lesson> lessons() {
    return lessons;
  }

  /** How many titles {@link #scope()} names for a course of several lessons. */
  static final int TITLES_IN_SCOPE = 3;

  /** True when the tutor serves one lesson (today's default), false for a course of several. */
  public boolean single() {
    return lessons.size() == 1;
  }

  public Optional<Lesson> lesson(String id) {
    return lessons.stream().filter(l -> l.id().equals(id)).findFirst();
  }

  /** The lesson a passage comes from. */
  public Lesson lessonOf(Passage passage) {
    return lesson(passage.lessonId()).orElseThrow(() -> new IllegalArgumentException(
        "passage " + passage.id() + " is not in the library"));
  }

  /** What the tutor serves, as its replies name it: "the lesson “T”", or "the course's N lessons". */
  public String name() {
    return single() ? "the lesson “" + lessons.get(0).title() + "”" : "the course's " + lessons.size() + " lessons";
  }

  /**
   * What the tutor can help with, from the lesson files: the one lesson's scope, or for a course
   * its number of lessons and the first few titles.
   */
  public String scope() {
    if (single()) {
      return lessons.get(0).scope();
    }
    List<String> titles = lessons.stream().limit(TITLES_IN_SCOPE).map(l -> "“" + l.title() + "”").toList();
    String more = lessons.size() > TITLES_IN_SCOPE ? ", among them " : ": ";
    return "the course's " + lessons.size() + " lessons" + more + joined(titles);
  }

  /**
   * Up to {@code n} suggested questions from the lesson files: the one lesson's, or for a course
   * the first question of each lesson in turn, so one lesson does not speak for all.
   */
  public List<String> suggestedQuestions(int n) {
    if (single()) {
      return lessons.get(0).suggestedQuestions().stream().limit(n).toList();
    }
    List<String> out = new java.util.ArrayList<>();
    for (int round = 0; out.size() < n; round++) {
      boolean any = false;
      for (Lesson l : lessons) {
        if (round < l.suggestedQuestions().size() && out.size() < n) {
          out.add(l.suggestedQuestions().get(round));
          any = true;
        }
      }
      if (!any) {
        break;
      }
    }
    return List.copyOf(out);
  }

  /** "A", "A and B", "A, B and C". */
  public static String joined(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
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
