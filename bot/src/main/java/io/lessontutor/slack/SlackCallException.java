package io.lessontutor.slack;

/**
 * A Web API call that failed: Slack answered {@code ok:false}, kept rate-limiting, or could not be
 * reached. The message names the method and Slack's error code, never a token.
 */
public final class SlackCallException extends RuntimeException {

  private final String method;
  private final String error;

  public SlackCallException(String method, String error) {
    super(method + " failed: " + error);
    this.method = method;
    this.error = error;
  }

  /** The Web API method, e.g. {@code chat.postMessage}. */
  public String method() {
    return method;
  }

  /** Slack's error code ({@code channel_not_found}, {@code ratelimited}, ...) or a short reason. */
  public String error() {
    return error;
  }
}
