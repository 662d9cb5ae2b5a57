package io.lessontutor.slack.events;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;

/**
 * Acks, and goes no further with, messages the tutor never answers: any subtype (edits,
 * deletions, joins, bot messages, file shares...) and anything posted by a bot, the tutor
 * included. Acking them keeps Slack from retrying deliveries no listener claims.
 */
public final class IgnoredMessages implements Middleware {

  @Override
  public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
    if (req.getRequestType() == RequestType.Event && ignored((EventRequest) req)) {
      return Response.ok();
    }
    return chain.next(req);
  }

  static boolean ignored(EventRequest request) {
    String type = request.getEventType();
    if (!"message".equals(type) && !"app_mention".equals(type)) {
      return false;
    }
    JsonObject event = JsonParser.parseString(request.getRequestBodyAsString())
        .getAsJsonObject().getAsJsonObject("event");
    return present(event.get("subtype")) || present(event.get("bot_id")) || present(event.get("bot_profile"));
  }

  private static boolean present(JsonElement element) {
    return element != null && !element.isJsonNull();
  }
}
