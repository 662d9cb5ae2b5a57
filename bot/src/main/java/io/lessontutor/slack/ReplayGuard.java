package io.lessontutor.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import io.lessontutor.store.SeenSignatures;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Acknowledges and drops a signed HTTP request whose signature was seen before: a replayed slash
 * command, button tap or view submission (the same body, timestamp and signature) does nothing
 * twice, whichever instance it reaches. Runs after Bolt's signature check, so only genuine
 * signatures are remembered. Socket Mode requests carry no signature and pass.
 *
 * <p>Events pass too: their listeners already take each delivery on once by its event_id (and a
 * message by its channel and ts) in {@link SlackStore#firstDelivery}, after the ack, which catches
 * a replay as well as Slack's own retries (new signature, same event_id). That keeps a database
 * write off the ack of every message in every channel the tutor is in.
 *
 * <p>The look-up is a write to the shared database on the request's path; when the database is
 * slower than {@link #MAX_WAIT} (a busy SQLite file, a far PostgreSQL), the request goes on
 * unchecked, with a log line, rather than missing Slack's 3 s deadline.
 */
final class ReplayGuard implements Middleware, AutoCloseable {

  static final Duration MAX_WAIT = Duration.ofSeconds(1);

  private final SeenSignatures seen;
  private final ExecutorService checks = Executors.newFixedThreadPool(4, r -> {
    Thread thread = new Thread(r, "replay-check");
    thread.setDaemon(true);
    return thread;
  });

  private final io.lessontutor.metrics.TutorMetrics metrics;

  ReplayGuard(SeenSignatures seen, io.lessontutor.metrics.TutorMetrics metrics) {
    this.seen = seen;
    this.metrics = metrics;
  }

  @Override
  public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
    String signature = req.isSocketMode() || req.getHeaders() == null || req.getRequestType() == RequestType.Event
        ? null : req.getHeaders().getFirstValue(SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
    if (signature != null && !firstSight(signature)) {
      RefusedRequests.log("Dropped a replayed " + req.getRequestType() + " request", "its signature was seen before");
      metrics.duplicateDelivery("replayed_request");
      return Response.ok();
    }
    return chain.next(req);
  }

  private boolean firstSight(String signature) throws Exception {
    Future<Boolean> check = checks.submit(() -> seen.firstSight(signature));
    try {
      return check.get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      RefusedRequests.log("Could not check a request for a replay in time",
          "the database took over " + MAX_WAIT.toMillis() + " ms; the request goes on");
      return true;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  @Override
  public void close() {
    checks.shutdown();
  }
}
