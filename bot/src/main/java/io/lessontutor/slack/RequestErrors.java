package io.lessontutor.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import java.util.Optional;

/**
 * Turns a request our listeners (or Bolt, reading the payload for them) could not use into what
 * Slack should hear, in Socket Mode and HTTP mode alike: a known payload that lacks a field we
 * need is acknowledged and dropped (a retry would lack it too), and a body that cannot be read at
 * all gets 400. Each gets one log line, rate-limited. Other failures are ours and go on up, to be
 * logged with their stack trace.
 */
final class RequestErrors implements Middleware {

  static final String BAD_REQUEST = "{\"error\":\"the tutor could not read this request\"}";

  @Override
  public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
    try {
      return chain.next(req);
    } catch (PayloadFields.Missing e) {
      RefusedRequests.log("Ignored a " + req.getRequestType() + " request", e.getMessage());
      return Response.ok();
    } catch (RuntimeException | StackOverflowError e) {
      Optional<String> reason = RefusedRequests.whyUnreadable(e);
      if (reason.isEmpty()) {
        throw e;
      }
      RefusedRequests.log("Refused a " + req.getRequestType() + " request with 400", reason.get());
      return Response.json(400, BAD_REQUEST);
    }
  }
}
