package io.lessontutor.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.MDC;

/**
 * Puts the request's team, channel and event id into the logging context (MDC) for every line
 * logged while Bolt handles it; {@link SlackContext#later} carries them over to the worker that
 * answers. JSON logs show them as fields ({@code mdc.team}, {@code mdc.channel}, {@code mdc.event_id}).
 */
final class LogContext implements Middleware {

  static final String TEAM = "team";
  static final String CHANNEL = "channel";
  static final String EVENT_ID = "event_id";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
    try {
      put(TEAM, req.getContext() == null ? null : req.getContext().getTeamId());
      if (req instanceof EventRequest event) {
        JsonNode body = JSON.readTree(event.getRequestBodyAsString());
        put(EVENT_ID, body.path("event_id").asText(null));
        put(CHANNEL, body.path("event").path("channel").asText(null));
      } else if (req instanceof SlashCommandRequest command) {
        put(CHANNEL, command.getPayload().getChannelId());
      } else if (req instanceof BlockActionRequest action && action.getPayload().getChannel() != null) {
        put(CHANNEL, action.getPayload().getChannel().getId());
      }
    } catch (RuntimeException | java.io.IOException e) {
      // a body Bolt could parse but we cannot read again: the line goes without its context
    }
    try {
      return chain.next(req);
    } finally {
      MDC.remove(TEAM);
      MDC.remove(CHANNEL);
      MDC.remove(EVENT_ID);
    }
  }

  private static void put(String key, String value) {
    if (value != null && !value.isBlank()) {
      MDC.put(key, value);
    }
  }
}
