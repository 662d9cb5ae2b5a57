package io.lessontutor.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import io.lessontutor.store.SeenSignatures;

/**
 * Acknowledges and drops a signed HTTP request whose signature was seen before: a replay of the
 * same body, timestamp and signature does nothing twice, whichever instance it reaches. Runs after
 * Bolt's signature check, so only genuine signatures are remembered. Socket Mode requests carry no
 * signature and pass. Slack's own retries are signed anew; their event_id de-duplication is
 * {@link SlackStore#firstDelivery}'s.
 */
final class ReplayGuard implements Middleware {


  private final SeenSignatures seen;

  ReplayGuard(SeenSignatures seen) {
    this.seen = seen;
  }

  @Override
  public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
    String signature = req.isSocketMode() || req.getHeaders() == null ? null
        : req.getHeaders().getFirstValue(SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
    if (signature != null && !seen.firstSight(signature)) {
      RefusedRequests.log("Dropped a replayed " + req.getRequestType() + " request", "its signature was seen before");
      return Response.ok();
    }
    return chain.next(req);
  }
}
