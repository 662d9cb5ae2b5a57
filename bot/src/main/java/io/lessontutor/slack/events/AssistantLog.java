package io.lessontutor.slack.events;

import com.slack.api.bolt.middleware.builtin.Assistant;
import io.lessontutor.slack.RefusedRequests;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The logger handed to Bolt's {@link Assistant}, which runs our handlers on the executor and logs
 * what they throw with a stack trace. A failure that is the event's (a field missing, JSON Bolt
 * could not bind) becomes one rate-limited line, as for every other request; anything else still
 * goes to Bolt's own logger with its stack trace.
 */
final class AssistantLog extends LegacyAbstractLogger {

  private final transient Logger delegate = LoggerFactory.getLogger(Assistant.class);

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String message, Object[] arguments,
      Throwable throwable) {
    if (throwable != null) {
      Optional<String> reason = RefusedRequests.whyUnreadable(throwable);
      if (reason.isPresent()) {
        RefusedRequests.log("Ignored an assistant event", reason.get());
        return;
      }
    }
    String text = MessageFormatter.basicArrayFormat(message, arguments);
    switch (level) {
      case ERROR -> delegate.error(text, throwable);
      case WARN -> delegate.warn(text, throwable);
      case INFO -> delegate.info(text, throwable);
      case DEBUG -> delegate.debug(text, throwable);
      case TRACE -> delegate.trace(text, throwable);
    }
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  public boolean isTraceEnabled() {
    return delegate.isTraceEnabled();
  }

  @Override
  public boolean isDebugEnabled() {
    return delegate.isDebugEnabled();
  }

  @Override
  public boolean isInfoEnabled() {
    return delegate.isInfoEnabled();
  }

  @Override
  public boolean isWarnEnabled() {
    return delegate.isWarnEnabled();
  }

  @Override
  public boolean isErrorEnabled() {
    return delegate.isErrorEnabled();
  }
}
