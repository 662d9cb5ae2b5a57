package io.lessontutor.slack;

import io.lessontutor.Tutor;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every Slack listener shares: the tutor, the Web API, the Slack state, and the executor on
 * which listeners do their work after acking. Thread-safe.
 *
 * @param tutor the composition root: answerer, library, database
 * @param web the Web API, with retries and error mapping
 * @param store de-duplication, answered threads and feedback
 * @param executor where work runs after the ack, so no listener holds Slack past its 3 s
 */
public record SlackContext(Tutor tutor, SlackWeb web, SlackStore store, ExecutorService executor) {

  private static final Logger log = LoggerFactory.getLogger(SlackContext.class);

  /** Apology when Slack refused a call; the error code helps a person who reports it. */
  public static final String SLACK_APOLOGY =
      "Sorry, I couldn't finish that: Slack said `%s`. Please try again in a moment.";
  /** Apology when something on the tutor's side failed. */
  public static final String TUTOR_APOLOGY =
      "Sorry, something went wrong on my side. Please try again in a moment.";

  public SlackContext {
    Objects.requireNonNull(tutor, "tutor");
    Objects.requireNonNull(web, "web");
    Objects.requireNonNull(store, "store");
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
    executor.execute(() -> {
      try {
        work.run();
      } catch (SlackCallException e) {
        log.warn("{} failed: Slack Web API {} returned {}", what, e.method(), e.error());
        apologise(apology, String.format(SLACK_APOLOGY, e.error()));
      } catch (RuntimeException e) {
        log.error("{} failed", what, e);
        apologise(apology, TUTOR_APOLOGY);
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
