package io.lessontutor.slack.testing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request the way Slack does (v0, HMAC-SHA256 of "v0:timestamp:body"), written from
 * Slack's documentation rather than Bolt's code so that it checks Bolt's verifier independently.
 */
public final class SlackRequestSigner {

  private final String signingSecret;

  public SlackRequestSigner(String signingSecret) {
    this.signingSecret = signingSecret;
  }

  /** The X-Slack-Signature value for the body sent at the timestamp (epoch seconds). */
  public String sign(long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(digest);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static long now() {
    return System.currentTimeMillis() / 1000;
  }
}
