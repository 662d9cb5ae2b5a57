package io.lessontutor.slack;

import io.lessontutor.config.TutorConfig;

/** How the tutor connects to Slack. */
public enum SlackMode {
  /** A WebSocket the tutor opens to Slack with the app-level token; no public URL needed. */
  SOCKET,
  /** Slack posts to the tutor's {@code /slack/events}; requests are checked with the signing secret. */
  HTTP;

  /**
   * The mode the configuration asks for: HTTP when {@code httpRequested} (the {@code --http} flag)
   * or when only a signing secret is set; otherwise Socket Mode. Fails with a message naming the
   * missing variable when the chosen mode cannot run.
   */
  public static SlackMode choose(TutorConfig config, boolean httpRequested) {
    if (config.get(TutorConfig.SLACK_BOT_TOKEN).isEmpty()) {
      throw new IllegalArgumentException(TutorConfig.SLACK_BOT_TOKEN + " is not set: copy the Bot User OAuth Token"
          + " (xoxb-...) from your Slack app's OAuth & Permissions page.");
    }
    boolean appToken = config.get(TutorConfig.SLACK_APP_TOKEN).isPresent();
    boolean signingSecret = config.get(TutorConfig.SLACK_SIGNING_SECRET).isPresent();
    if (httpRequested || (!appToken && signingSecret)) {
      if (!signingSecret) {
        throw new IllegalArgumentException("HTTP mode needs " + TutorConfig.SLACK_SIGNING_SECRET
            + ": copy the Signing Secret from your Slack app's Basic Information page.");
      }
      return HTTP;
    }
    if (!appToken) {
      throw new IllegalArgumentException("Set " + TutorConfig.SLACK_APP_TOKEN + " (xapp-..., Socket Mode) or "
          + TutorConfig.SLACK_SIGNING_SECRET + " (HTTP mode) to connect to Slack.");
    }
    return SOCKET;
  }
}
