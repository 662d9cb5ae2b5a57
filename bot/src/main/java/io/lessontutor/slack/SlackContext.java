package io.lessontutor.slack;

import io.lessontutor.store.DeliveryStore;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every Slack listener shares: the Web API, the deliveries taken on, and the executor on
 * which listeners do their work after acking. Anything else a listener needs (the answerer, a
 * feature's service) is handed to it where it is installed. Thread-safe.
 *
 * @param web the Web API, with retries and error mapping
 * @param deliveries de-duplication of Slack's deliveries, shared by every instance on one database
 * @param executor where work runs after the ack, so no listener holds Slack past its 3 s
 */
public record SlackContext(SlackWeb web, DeliveryStore deliveries, ExecutorService executor) {

  private static final Logger log = LoggerFactory.getLogger(SlackContext.class);

  /** Apology when Slack refused a call; the error code helps a person who reports it. */
  public static final String SLACK_APOLOGY =
      "Sorry, I couldn't finish that: Slack said `%s`. Please try again in a moment.";
  /** Apology when something on the tutor's side failed. */
  public static final String TUTOR_APOLOGY =
      "Sorry, something went wrong on my side. Please try again in a moment.";

  public SlackContext {
    Objects.requireNonNull(web, "web");
    Objects.requireNonNull(deliveries, "deliveries");
    Objects.requireNonNull(executor, "executor");
  }

  /** Where an apology goes when work for a person fails. */
  public record Apology(String channel, String threadTs, String userId, boolean ephemeral) {}

  /**
   * Runs the work on the executor. When it throws, the failure is logged (with Slack's error code
   * for a Web API failure) and, when {@code apology} is given, the person gets a short apology:
   * the one place failures become what a person sees.
   */
  public void later(String what, Apology apology, Runnable work) {
    java.util.Map<String, String> logContext = org.slf4j.MDC.getCopyOfContextMap();
    executor.execute(() -> {
      if (logContext != null) {
        org.slf4j.MDC.setContextMap(logContext);
      }
      try {
        work.run();
      } catch (SlackCallException e) {
        log.warn("{} failed: Slack Web API {} returned {}", what, e.method(), e.error());
        apologise(apology, String.format(SLACK_APOLOGY, e.error()));
      } catch (RuntimeException e) {
        log.error("{} failed", what, e);
        apologise(apology, TUTOR_APOLOGY);
      } finally {
        org.slf4j.MDC.clear();
      }
    });
  }

  private void apologise(Apology apology, String text) {
    if (apology == null) {
      return;
    }
    try {
      if (apology.ephemeral()) {
        web.postEphemeral(apology.channel(), apology.threadTs(), apology.userId(), text, null);
      } else {
        web.postText(apology.channel(), apology.threadTs(), text);
      }
    } catch (RuntimeException e) {
      log.warn("could not post the apology either: {}", e.getMessage());
    }
  }
}
