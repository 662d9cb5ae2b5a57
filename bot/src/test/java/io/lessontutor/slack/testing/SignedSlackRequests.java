package io.lessontutor.slack.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Slack's side of HTTP mode: signed Events API and interactivity requests to {@code /slack/events}. */
public final class SignedSlackRequests {

  private final HttpClient http = HttpClient.newHttpClient();
  private final SlackRequestSigner signer = new SlackRequestSigner(SlackTestTutor.SIGNING_SECRET);
  private final URI endpoint;

  public SignedSlackRequests(int port) {
    this.endpoint = URI.create("http://127.0.0.1:" + port + "/slack/events");
  }

  /** Posts an Events API callback (JSON), signed now; returns the HTTP status. */
  public int event(String body) throws Exception {
    return post(body, "application/json");
  }

  /** Posts an interactivity payload (form-encoded), signed now; returns the HTTP status. */
  public int interaction(String payloadJson) throws Exception {
    return post(SlackPayloads.interactivityForm(payloadJson), "application/x-www-form-urlencoded");
  }

  /** Posts a slash command (form-encoded, see {@link SlackPayloads#slashCommand}), signed now; returns the HTTP status. */
  public int command(String formBody) throws Exception {
    return post(formBody, "application/x-www-form-urlencoded");
  }

  private int post(String body, String contentType) throws Exception {
    long timestamp = SlackRequestSigner.now();
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", contentType)
        .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
        .header("X-Slack-Signature", signer.sign(timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
