package io.lessontutor.answer;

import io.lessontutor.knowledge.LessonLibrary;
import java.nio.file.Path;

/** The real lesson, loaded once for the answer tests. */
public final class TestLessons {

  private static final LessonLibrary LIBRARY =
      LessonLibrary.load(Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge")));

  private TestLessons() {
  }

  public static LessonLibrary library() {
    return LIBRARY;
  }
}
