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
import java.util.Set;

/**
 * Acks, and goes no further with, events the tutor never answers: messages of any subtype (edits,
 * deletions, joins, bot messages, file shares...), anything posted by a bot, and any event the
 * tutor's own bot user caused. Acking them keeps Slack from retrying deliveries no listener claims.
 *
 * <p>This replaces Bolt's {@code IgnoringSelfEvents}, which looks a {@code bot_id} up with
 * {@code bots.info} on the request's thread: when Slack is slow or refuses, that throws and the
 * delivery fails. Here the tutor's own ids come from the {@code auth.test} Bolt made at start-up,
 * and any message carrying a {@code bot_id} is a bot's, whichever bot.
 */
public final class IgnoredMessages implements Middleware {

  /** Events that concern the tutor even when it caused them, as in Bolt's filter. */
  static final Set<String> NOT_TO_MISS = Set.of("member_joined_channel", "member_left_channel");

  @Override
  public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
    if (req.getRequestType() == RequestType.Event
        && ignored((EventRequest) req, req.getContext().getBotUserId(), req.getContext().getBotId())) {
      return Response.ok();
    }
    return chain.next(req);
  }

  static boolean ignored(EventRequest request, String botUserId, String botId) {
    String type = request.getEventType();
    JsonElement body = JsonParser.parseString(request.getRequestBodyAsString());
    JsonElement eventElement = body.isJsonObject() ? body.getAsJsonObject().get("event") : null;
    if (eventElement == null || !eventElement.isJsonObject()) {
      return false;
    }
    JsonObject event = eventElement.getAsJsonObject();
    if ("message".equals(type) || "app_mention".equals(type)) {
      if (present(event.get("subtype")) || present(event.get("bot_id")) || present(event.get("bot_profile"))) {
        return true;
      }
    }
    if (NOT_TO_MISS.contains(type)) {
      return false;
    }
    return (botUserId != null && botUserId.equals(text(event.get("user"))))
        || (botId != null && botId.equals(text(event.get("bot_id"))));
  }

  /** A string field's value; null when absent or not a string (a user may also be an object with an id). */
  private static String text(JsonElement element) {
    if (element == null || element.isJsonNull()) {
      return null;
    }
    if (element.isJsonObject()) {
      return text(element.getAsJsonObject().get("id"));
    }
    return element.isJsonPrimitive() && element.getAsJsonPrimitive().isString() ? element.getAsString() : null;
  }

  private static boolean present(JsonElement element) {
    return element != null && !element.isJsonNull();
  }
}
