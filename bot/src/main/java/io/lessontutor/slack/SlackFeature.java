package io.lessontutor.slack;

import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * A capability that plugs into the Slack app (the checklist, the quiz): it registers its own
 * listeners and may add blocks to a person's App Home. Implementations live in the slack package
 * (they touch Bolt types) and turn their domain results into Block Kit there.
 *
 * <p>Listeners must ack at once and do their work on {@link SlackContext#executor()}.
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
}
