package io.lessontutor.slack.agent;

import io.lessontutor.config.TutorConfig;
import java.util.Locale;

/**
 * The Slack surface the app's manifest declares, from {@link TutorConfig#SLACK_SURFACE}: the
 * assistant panel ({@code features.assistant_view}) or the agent messaging experience
 * ({@code features.agent_view}), which Slack says replaces the panel.
 */
public enum Surface {
  /** The assistant panel: assistant threads with a status line and a title. */
  ASSISTANT,
  /** The agent messaging experience: threads in the app's Messages tab, each an agent session. */
  AGENT;

  /** The configured surface; an unknown value stops start-up with what would be valid. */
  public static Surface of(TutorConfig config) {
    String value = config.get(TutorConfig.SLACK_SURFACE, TutorConfig.DEFAULT_SLACK_SURFACE);
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(TutorConfig.SLACK_SURFACE + " must be 'assistant' (scripts/slack-manifest.yml)"
          + " or 'agent' (scripts/slack-manifest-agent.yml), not '" + value + "'");
    }
  }
}
