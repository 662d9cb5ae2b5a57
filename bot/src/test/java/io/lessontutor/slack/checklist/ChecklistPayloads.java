package io.lessontutor.slack.checklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lessontutor.checklist.AnswerValue;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.SlackPayloads;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The checklist's Slack payloads as Slack sends them: the slash command, the modal's submission, buttons. */
final class ChecklistPayloads {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChecklistPayloads() {}

  /** The form body Slack posts for a slash command. */
  static String slashCommand(String channel, String user, String text, String triggerId, String responseUrl) {
    StringBuilder body = new StringBuilder();
    commandFields(channel, user, text, triggerId, responseUrl).forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
        .append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return body.toString();
  }

  /** The same command as the JSON payload of a Socket Mode envelope. */
  static String slashCommandJson(String channel, String user, String text, String triggerId, String responseUrl) {
    ObjectNode payload = JSON.createObjectNode();
    commandFields(channel, user, text, triggerId, responseUrl).forEach(payload::put);
    return payload.toString();
  }

  private static Map<String, String> commandFields(String channel, String user, String text, String triggerId,
      String responseUrl) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "legacy-verification-token");
    form.put("team_id", FakeSlackApi.TEAM_ID);
    form.put("team_domain", "test");
    form.put("channel_id", channel);
    form.put("channel_name", channel.startsWith("D") ? "directmessage" : "general");
    form.put("user_id", user);
    form.put("user_name", "someone");
    form.put("command", ChecklistFeature.COMMAND);
    form.put("text", text);
    form.put("api_app_id", "A0001");
    form.put("is_enterprise_install", "false");
    form.put("response_url", responseUrl);
    form.put("trigger_id", triggerId);
    return form;
  }

  /**
   * The view_submission of a modal the tutor opened ({@code view} as sent to views.open), with
   * these answers chosen and "Just for me" ticked or not; checks not in {@code answers} left blank.
   */
  static String submission(JsonNode view, String user, Map<String, AnswerValue> answers, boolean justForMe) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "view_submission").put("api_app_id", "A0001").put("token", "legacy-verification-token")
        .put("trigger_id", "submit.trigger");
    payload.putObject("team").put("id", FakeSlackApi.TEAM_ID).put("domain", "test");
    payload.putObject("user").put("id", user).put("username", "someone").put("team_id", FakeSlackApi.TEAM_ID);
    ObjectNode submitted = payload.putObject("view");
    submitted.put("id", "V0MODAL").put("type", "modal").put("team_id", FakeSlackApi.TEAM_ID)
        .put("callback_id", view.path("callback_id").asText())
        .put("private_metadata", view.path("private_metadata").asText())
        .put("hash", "1700000000.abc");
    submitted.set("blocks", view.path("blocks"));
    ObjectNode values = submitted.putObject("state").putObject("values");
    answers.forEach((check, answer) -> values.putObject(ChecklistModal.CHECK_BLOCK + check)
        .putObject(ChecklistModal.ANSWER_ACTION)
        .put("type", "radio_buttons")
        .set("selected_option", option(answer.label(), answer.word())));
    ObjectNode box = values.putObject(ChecklistModal.JUST_FOR_ME_BLOCK).putObject(ChecklistModal.JUST_FOR_ME_ACTION);
    box.put("type", "checkboxes");
    var selected = box.putArray("selected_options");
    if (justForMe) {
      selected.add(option("Just for me", ChecklistModal.JUST_FOR_ME_VALUE));
    }
    payload.putArray("response_urls");
    return payload.toString();
  }

  /**
   * The block_actions Slack sends when someone picks an answer in the modal the tutor opened
   * ({@code view} as sent to views.open): the view with its id, hash and state (these answers),
   * and the radio button that changed.
   */
  static String modalAnswer(JsonNode view, String user, Map<String, AnswerValue> answers, String changed) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "block_actions").put("api_app_id", "A0001").put("token", "legacy-verification-token")
        .put("trigger_id", "answer.trigger");
    payload.putObject("team").put("id", FakeSlackApi.TEAM_ID).put("domain", "test");
    payload.putObject("user").put("id", user).put("username", "someone").put("team_id", FakeSlackApi.TEAM_ID);
    payload.putObject("container").put("type", "view").put("view_id", "V0MODAL");
    ObjectNode shown = payload.putObject("view");
    shown.put("id", "V0MODAL").put("type", "modal").put("team_id", FakeSlackApi.TEAM_ID)
        .put("callback_id", view.path("callback_id").asText())
        .put("private_metadata", view.path("private_metadata").asText())
        .put("hash", "1700000000.abc");
    shown.set("blocks", view.path("blocks"));
    ObjectNode values = shown.putObject("state").putObject("values");
    answers.forEach((check, answer) -> values.putObject(ChecklistModal.CHECK_BLOCK + check)
        .putObject(ChecklistModal.ANSWER_ACTION)
        .put("type", "radio_buttons")
        .set("selected_option", option(answer.label(), answer.word())));
    AnswerValue picked = answers.get(changed);
    ObjectNode action = payload.putArray("actions").addObject();
    action.put("type", "radio_buttons").put("action_id", ChecklistModal.ANSWER_ACTION)
        .put("block_id", ChecklistModal.CHECK_BLOCK + changed).put("action_ts", "1700000000.000200");
    action.set("selected_option", option(picked.label(), picked.word()));
    return payload.toString();
  }

  /** A modal's submission with its private_metadata replaced, as if it were not ours. */
  static String submissionWithMetadata(JsonNode view, String user, String metadata) {
    ObjectNode copy = view.deepCopy();
    copy.put("private_metadata", metadata);
    return submission(copy, user, Map.of(), false);
  }

  private static ObjectNode option(String text, String value) {
    ObjectNode option = JSON.createObjectNode();
    option.putObject("text").put("type", "plain_text").put("text", text).put("emoji", true);
    option.put("value", value);
    return option;
  }

  /**
   * A block_actions payload for a button: in a message (channel set; ephemeral messages too,
   * with the button's response_url) or on App Home (channel null).
   */
  static String button(String actionId, String value, String user, String channel, String responseUrl,
      String triggerId) {
    return SlackPayloads.blockAction(actionId, value, user, channel, channel == null ? null : "1700000001.000100", null,
        responseUrl, triggerId);
  }
}
