package io.lessontutor;

import io.lessontutor.config.TutorConfig;
import java.nio.file.Path;
import java.util.Map;

/** One real Tutor (lesson files, hybrid index, extractive answerer) shared by the tests of a JVM: the index takes a second to build. */
public final class TestTutor {

  /** The repository's knowledge folder; surefire passes it, and the fallback works from bot/. */
  public static final Path KNOWLEDGE = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge"));

  private static Tutor shared;

  private TestTutor() {}

  public static synchronized Tutor get() {
    if (shared == null) {
      shared = Tutor.start(config(Map.of()));
    }
    return shared;
  }

  public static TutorConfig config(Map<String, String> extra) {
    return new TutorConfig(Map.of(TutorConfig.KNOWLEDGE_DIR, KNOWLEDGE.toString())).with(extra);
  }
}
