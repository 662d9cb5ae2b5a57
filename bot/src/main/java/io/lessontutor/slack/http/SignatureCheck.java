package io.lessontutor.slack.http;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slack's request signature (v0, HMAC-SHA256 of {@code v0:timestamp:body} with the signing
 * secret) and its timestamp, checked both ways: a request stamped more than {@link #WINDOW}
 * before or after now is refused, whatever its signature. Bolt's own check only looks back, so a
 * request signed for the future would otherwise be acted on. Thread-safe.
 */
final class SignatureCheck {

  /** How far a request's timestamp may be from now, either way; Slack's documented 5 minutes. */
  static final Duration WINDOW = Duration.ofMinutes(5);

  private final SlackSignature.Generator generator;

  private SignatureCheck(SlackSignature.Generator generator) {
    this.generator = generator;
  }

  /** A check with the secret; with none (Socket Mode only), every HTTP request is refused. */
  static SignatureCheck of(String signingSecret) {
    return new SignatureCheck(signingSecret == null || signingSecret.isBlank()
        ? null : new SlackSignature.Generator(signingSecret));
  }

  /** Why the request must be refused, or empty when it is Slack's and on time. Headers are lower-case. */
  Optional<String> refusal(Map<String, List<String>> headers, String body, long nowMillis) {
    if (generator == null) {
      return Optional.of("no signing secret is configured");
    }
    String timestamp = first(headers, "x-slack-request-timestamp");
    String signature = first(headers, "x-slack-signature");
    if (timestamp == null || signature == null) {
      return Optional.of("no signature or timestamp header");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return Optional.of("a timestamp that is not a number");
    }
    long skew = nowMillis / 1000 - seconds;
    if (Math.abs(skew) > WINDOW.toSeconds()) {
      return Optional.of("a timestamp " + Math.abs(skew) + " s in the " + (skew > 0 ? "past" : "future")
          + ", outside ±" + WINDOW.toMinutes() + " min");
    }
    String expected = generator.generate(timestamp, body);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of("a signature that does not match the body");
    }
    return Optional.empty();
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
