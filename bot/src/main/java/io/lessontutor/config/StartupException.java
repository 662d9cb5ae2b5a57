package io.lessontutor.config;

/**
 * The tutor cannot start because a service it needs (Slack, the database) cannot be used. The
 * message is one line that names the service, the setting that points at it and what to do; the
 * command line prints it as it is.
 */
public final class StartupException extends RuntimeException {
  public StartupException(String message) {
    super(message);
  }
}
