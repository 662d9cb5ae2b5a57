package io.lessontutor.slack.checklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a checklist run started, carried through the modal in its {@code private_metadata} so that
 * the submission knows where the verdict goes.
 *
 * @param channel the channel the command ran in (or where "Run it again" was tapped); null when
 *     the run started from App Home, which has no channel
 * @param responseUrl the command's (or button's) response_url, valid for 30 minutes; null from App Home
 * @param userId who ran it
 */
record Origin(String channel, String responseUrl, String userId) {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Slack's limit on a view's private_metadata. */
  static final int MAX_METADATA_CHARS = 3_000;

  Origin {
    Objects.requireNonNull(userId, "userId");
    channel = blankToNull(channel);
    responseUrl = blankToNull(responseUrl);
  }

  static Origin appHome(String userId) {
    return new Origin(null, null, userId);
  }

  boolean fromAppHome() {
    return channel == null;
  }

  String toMetadata() {
    ObjectNode node = JSON.createObjectNode().put("u", userId);
    if (channel != null) {
      node.put("c", channel);
    }
    // A response_url is about 100 characters; drop it rather than break the modal if Slack ever
    // sent one long enough to overflow the metadata (the card then goes by chat.postMessage or DM).
    if (responseUrl != null && responseUrl.length() < MAX_METADATA_CHARS - 200) {
      node.put("r", responseUrl);
    }
    return node.toString();
  }

  /** The origin stored in a modal; empty when the metadata is missing or not ours. */
  static Optional<Origin> fromMetadata(String metadata) {
    if (metadata == null || metadata.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(metadata);
      String user = node.path("u").asText("");
      if (user.isBlank()) {
        return Optional.empty();
      }
      return Optional.of(new Origin(node.path("c").asText(null), node.path("r").asText(null), user));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
