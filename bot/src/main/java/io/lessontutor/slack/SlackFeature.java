package io.lessontutor.slack;

import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * A capability that plugs into the Slack app (the checklist, the quiz): it registers its own
 * listeners and may add blocks to a person's App Home. Implementations live in the slack package
 * (they touch Bolt types) and turn their domain results into Block Kit there.
 *
 * <p>Listeners must ack at once and do their work on {@link SlackContext#executor()}. A feature
 * that is also {@link AutoCloseable} (it holds threads or timers) is closed when the app closes.
 */
public interface SlackFeature {

  /** Registers the feature's commands, actions and views on the app; called once, before start. */
  void install(App app, SlackContext context);

  /**
   * Blocks for this person's App Home (buttons that start the feature, progress), shown under the
   * Ask section in the order features were given; none by default. Called on the executor; text
   * in them must go through {@link SafeText#neutralize}.
   */
  default List<LayoutBlock> homeBlocks(String userId) {
    return List.of();
  }

  /**
   * Offered every mention, direct message and assistant-panel message before Ask answers it ("@tutor quiz",
   * "quiz me"). Return true to take it: Ask then leaves it alone and the feature answers it, on
   * {@link SlackContext#executor()} (this is called on Bolt's thread, before the ack). Decide from
   * the text alone, quickly. The same message may be offered twice (as app_mention and as
   * message in a thread, or as a retry): use {@link io.lessontutor.store.DeliveryStore#firstDelivery} before acting. None by default.
   */
  default boolean takeMessage(IncomingMessage message) {
    return false;
  }

  /**
   * A message addressed to the tutor.
   *
   * @param eventId Slack's event id, for de-duplication
   * @param channel where it was posted
   * @param ts the message's ts
   * @param threadTs its thread, or null at the top of a channel or direct message
   * @param userId who wrote it
   * @param text what they wrote, Slack's mrkdwn with the tutor's own mention removed; never echo it unneutralized
   * @param direct true in a direct message with the tutor
   */
  record IncomingMessage(String eventId, String channel, String ts, String threadTs, String userId, String text,
      boolean direct) {}
}
