package io.lessontutor.slack;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests the tutor refuses or drops (unreadable, forged, stale, replayed, lacking a field, for
 * no listener): {@link #whyUnreadable} tells a request the tutor cannot understand from a fault of
 * its own, and {@link #log} writes one line per kind without a stack trace, at most one line per
 * {@link #LOG_EVERY} with a count of the lines held back: a stream of garbage must not fill the
 * disk. Thread-safe.
 *
 * <p>A failure is the request's when Gson said the JSON is malformed, when a handler found a field
 * missing or of the wrong type ({@link PayloadFields.Missing}), or when a runtime exception was
 * thrown inside Gson's or Bolt's own request parsing (the first frame outside the JDK is theirs).
 * Anything thrown from the tutor's own code, or an I/O failure, is a fault of ours.
 */
public final class RefusedRequests {

  private static final Logger log = LoggerFactory.getLogger(RefusedRequests.class);

  /** At most one line per this long; the rest are counted and reported with the next line. */
  static final Duration LOG_EVERY = Duration.ofSeconds(10);
  /** Packages whose runtime exceptions mean the request's body did not fit what they expected. */
  private static final String[] PARSERS = {
      "com.google.gson.", "com.slack.api.bolt.", "com.slack.api.app_backend.", "com.slack.api.util."};

  /** Per kind of line ({@code what}; a handful of fixed texts): when the next may be written, and how many wait. */
  private static final Map<String, Budget> budgets = new ConcurrentHashMap<>();

  private record Budget(AtomicLong nextLineAt, AtomicLong heldBack) {}

  private RefusedRequests() {}

  /** Why the failure means the request could not be understood, or empty when it is our own fault. */
  public static Optional<String> whyUnreadable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PayloadFields.Missing missing) {
        return Optional.of(missing.getMessage());
      }
      if (t instanceof com.google.gson.JsonParseException) {
        return Optional.of("malformed JSON (" + firstLine(t) + ")");
      }
    }
    if (failure instanceof StackOverflowError) {
      return Optional.of("nested too deeply to read");
    }
    if (failure instanceof RuntimeException && !(failure instanceof SlackCallException)) {
      for (StackTraceElement frame : failure.getStackTrace()) {
        String type = frame.getClassName();
        if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
          continue;
        }
        for (String parser : PARSERS) {
          if (type.startsWith(parser)) {
            return Optional.of(failure.getClass().getSimpleName() + " in " + simpleName(type) + "."
                + frame.getMethodName() + " (" + firstLine(failure) + ")");
          }
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Logs one line for a refused request, or counts it while lines of the same kind are held back.
   * {@code what} names the kind and must come from a fixed set of texts, never from the request.
   */
  public static void log(String what, String reason) {
    Budget budget = budgets.computeIfAbsent(what, w -> new Budget(new AtomicLong(System.nanoTime()), new AtomicLong()));
    long now = System.nanoTime();
    long next = budget.nextLineAt().get();
    if (now - next >= 0 && budget.nextLineAt().compareAndSet(next, now + LOG_EVERY.toNanos())) {
      long more = budget.heldBack().getAndSet(0);
      log.warn("{}: {}{}", what, reason, more == 0 ? "" : " (and " + more + " more like it since the last line)");
    } else {
      budget.heldBack().incrementAndGet();
    }
  }

  private static String firstLine(Throwable t) {
    String message = t.getMessage();
    if (message == null) {
      return "no message";
    }
    String line = message.lines().findFirst().orElse("").strip();
    return line.length() > 160 ? line.substring(0, 160) + "…" : line;
  }

  private static String simpleName(String type) {
    return type.substring(type.lastIndexOf('.') + 1);
  }
}
