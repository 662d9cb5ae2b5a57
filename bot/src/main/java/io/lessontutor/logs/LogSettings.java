package io.lessontutor.logs;

import io.lessontutor.config.TutorConfig;

/**
 * How the tutor logs, set once at start-up before the first log line: the format Logback's
 * {@code logback.xml} picks ({@value #FORMAT_PROPERTY}: text or json), and whether a line may
 * carry text people wrote ({@value TutorConfig#LOG_TEXT}; off by default, so a line shows a
 * reason's code rather than words taken from a question).
 */
public final class LogSettings {

  /** The system property {@code logback.xml} reads. */
  public static final String FORMAT_PROPERTY = "tutor.log.format";

  private static volatile boolean text;

  private LogSettings() {}

  /** Applies {@value TutorConfig#LOG_FORMAT} and {@value TutorConfig#LOG_TEXT}; a bad value throws, naming it. */
  public static void apply(TutorConfig config) {
    System.setProperty(FORMAT_PROPERTY, config.logFormat());
    text = config.logText();
  }

  /** True when log lines may carry what people wrote ({@value TutorConfig#LOG_TEXT}=on). */
  public static boolean textAllowed() {
    return text;
  }

  /** For tests: allow or forbid text in log lines. */
  public static void allowText(boolean allowed) {
    text = allowed;
  }
}
