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

  /** The value, which must be present (and for text, not blank). */
  public static <T> T need(T value, String field) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw new Missing(field);
    }
    return value;
  }
}
