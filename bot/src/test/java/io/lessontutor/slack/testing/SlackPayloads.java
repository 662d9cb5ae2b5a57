package io.lessontutor.slack.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Slack's payloads as Slack sends them (Events API callbacks, block actions), for tests. */
public final class SlackPayloads {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackPayloads() {}

  /** An Events API callback wrapping the event. */
  public static String eventCallback(String eventId, ObjectNode event) {
    ObjectNode body = JSON.createObjectNode();
    body.put("token", "legacy-verification-token").put("team_id", FakeSlackApi.TEAM_ID).put("api_app_id", "A0001");
    body.set("event", event);
    body.put("type", "event_callback").put("event_id", eventId).put("event_time", 1_700_000_000);
    ArrayNode auth = body.putArray("authorizations");
    auth.addObject().put("team_id", FakeSlackApi.TEAM_ID).put("user_id", FakeSlackApi.BOT_USER_ID)
        .put("is_bot", true).putNull("enterprise_id");
    return body.toString();
  }

  public static String appMention(String eventId, String channel, String user, String ts, String threadTs, String text) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "app_mention").put("user", user).put("text", text).put("ts", ts)
        .put("channel", channel).put("event_ts", ts);
    if (threadTs != null) {
      event.put("thread_ts", threadTs);
    }
    return eventCallback(eventId, event);
  }

  /** A message event; channelType is "channel", "group" or "im". */
  public static String message(String eventId, String channel, String channelType, String user, String ts,
      String threadTs, String text) {
    return eventCallback(eventId, messageEvent(channel, channelType, user, ts, threadTs, text));
  }

  public static ObjectNode messageEvent(String channel, String channelType, String user, String ts,
      String threadTs, String text) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "message").put("channel", channel).put("channel_type", channelType).put("text", text)
        .put("ts", ts).put("event_ts", ts);
    if (user != null) {
      event.put("user", user);
    }
    if (threadTs != null) {
      event.put("thread_ts", threadTs);
    }
    return event;
  }

  public static String appHomeOpened(String eventId, String user) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "app_home_opened").put("user", user).put("channel", "D" + user).put("tab", "home")
        .put("event_ts", "1700000000.000100");
    return eventCallback(eventId, event);
  }

  public static String assistantThreadStarted(String eventId, String user, String channel, String threadTs) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "assistant_thread_started").put("event_ts", threadTs);
    event.putObject("assistant_thread").put("user_id", user).put("channel_id", channel).put("thread_ts", threadTs)
        .putObject("context");
    return eventCallback(eventId, event);
  }

  /** A block_actions payload (JSON) for a button in a message, or on App Home when the channel is null. */
  public static String blockAction(String actionId, String value, String user, String channel, String messageTs,
      String threadTs) {
    return blockAction(actionId, value, user, channel, messageTs, threadTs, null, "123.456.abc");
  }

  /** The same with the button's response_url (null for none) and the trigger id. */
  public static String blockAction(String actionId, String value, String user, String channel, String messageTs,
      String threadTs, String responseUrl, String triggerId) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "block_actions").put("trigger_id", triggerId).put("api_app_id", "A0001")
        .put("token", "legacy-verification-token");
    payload.putObject("user").put("id", user).put("username", "someone").put("team_id", FakeSlackApi.TEAM_ID);
    payload.putObject("team").put("id", FakeSlackApi.TEAM_ID).put("domain", "test");
    if (channel != null) {
      payload.putObject("channel").put("id", channel).put("name", "general");
      ObjectNode container = payload.putObject("container");
      container.put("type", "message").put("message_ts", messageTs).put("channel_id", channel).put("is_ephemeral", false);
      ObjectNode message = payload.putObject("message");
      message.put("type", "message").put("ts", messageTs).put("text", "answer").put("user", FakeSlackApi.BOT_USER_ID);
      if (threadTs != null) {
        message.put("thread_ts", threadTs);
      }
      if (responseUrl != null) {
        payload.put("response_url", responseUrl);
      }
    } else {
      payload.putObject("container").put("type", "view").put("view_id", "V0001");
      payload.putObject("view").put("id", "V0001").put("type", "home");
    }
    payload.putArray("actions").addObject().put("action_id", actionId).put("block_id", "b1").put("value", value)
        .put("type", "button").put("action_ts", "1700000000.000200").putObject("text")
        .put("type", "plain_text").put("text", "button");
    return payload.toString();
  }

  /** The form body Slack posts for a slash command; Slack's replies to it go to {@code responseUrl}. */
  public static String slashCommand(String command, String text, String user, String channel, String responseUrl) {
    java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
    form.put("token", "legacy-verification-token");
    form.put("team_id", FakeSlackApi.TEAM_ID);
    form.put("team_domain", "test");
    form.put("channel_id", channel);
    form.put("channel_name", channel.startsWith("D") ? "directmessage" : "general");
    form.put("user_id", user);
    form.put("user_name", "someone");
    form.put("command", command);
    form.put("text", text);
    form.put("api_app_id", "A0001");
    form.put("response_url", responseUrl);
    form.put("trigger_id", "123.456.abc");
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
        .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
    return body.toString();
  }

  /** The form body Slack posts for interactivity: payload=<url-encoded JSON>. */
  public static String interactivityForm(String payloadJson) {
    return "payload=" + java.net.URLEncoder.encode(payloadJson, java.nio.charset.StandardCharsets.UTF_8);
  }
}
