package io.lessontutor.slack.testing;

import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.LessonLibrary;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link Tutor} for Slack tests: the real lesson, an SQLite file, the fake Web API's URL. */
public final class SlackTestTutor {

  public static final String BOT_TOKEN = "xoxb-test-bot-token-0123456789";
  public static final String APP_TOKEN = "xapp-test-app-token-0123456789";
  public static final String SIGNING_SECRET = "test-signing-secret-0123456789abcdef";

  private SlackTestTutor() {}

  public static final Path KNOWLEDGE = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge"));

  public static LessonLibrary library() {
    return LessonLibrary.load(KNOWLEDGE);
  }

  public static TutorConfig config(Path dataDir, FakeSlackApi api) {
    return config(dataDir, api, Map.of());
  }

  /** The same, with more settings (e.g. {@code TUTOR_QUIZ_SECONDS}). */
  public static TutorConfig config(Path dataDir, FakeSlackApi api, Map<String, String> more) {
    Map<String, String> env = new HashMap<>();
    env.put(TutorConfig.KNOWLEDGE_DIR, KNOWLEDGE.toString());
    env.put(TutorConfig.DATA_DIR, dataDir.toString());
    env.put(TutorConfig.DATABASE_URL, "jdbc:sqlite:" + dataDir.resolve("tutor.db"));
    env.put(TutorConfig.SLACK_BOT_TOKEN, BOT_TOKEN);
    env.put(TutorConfig.SLACK_APP_TOKEN, APP_TOKEN);
    env.put(TutorConfig.SLACK_SIGNING_SECRET, SIGNING_SECRET);
    env.put(TutorConfig.SLACK_API_URL, api.url());
    env.putAll(more);
    return new TutorConfig(env);
  }

  /** The real tutor: lesson index, extractive answerer, checklist and quiz bank. */
  public static Tutor real(TutorConfig config) {
    return Tutor.start(config);
  }

  /** A tutor answering with the given fake. */
  public static Tutor create(TutorConfig config, LessonLibrary library, EchoingAnswerer answerer) {
    return new Tutor(config, library, (query, max) -> List.of(), answerer);
  }
}
