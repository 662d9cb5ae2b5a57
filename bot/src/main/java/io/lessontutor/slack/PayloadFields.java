package io.lessontutor.slack;

/**
 * The fields our listeners need from a payload Bolt has parsed. Slack always sends them; a request
 * without one is not Slack's, or not one we can act on, so the listener stops with {@link Missing}
 * and the request is acknowledged and dropped with one log line (see {@link RequestErrors}).
 */
public final class PayloadFields {

  private PayloadFields() {}

  /** A field our listener needs is absent, null or blank. */
  public static final class Missing extends RuntimeException {
    Missing(String field) {
      super("the payload lacks " + field, null, false, false);
    }
  }

  /**
   * A response_url as Slack sends it (an http or https URL with a host), or null for anything else,
   * so that a broken one is treated as absent rather than failing when the reply is sent.
   */
  public static String webUrl(String value) {
    if (value == null) {
      return null;
    }
    try {
      java.net.URI uri = new java.net.URI(value.strip());
      boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
      return web && uri.getHost() != null ? value.strip() : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /** The value, which must be present (and for text, not blank). */
  public static <T> T need(T value, String field) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw new Missing(field);
    }
    return value;
  }
}
