package io.lessontutor.slack.checklist;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.util.Responder;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.webhook.WebhookResponse;
import io.lessontutor.slack.SafeText;
import io.lessontutor.slack.SlackCallException;
import io.lessontutor.slack.SlackWeb;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a message to the person who ran the checklist, wherever they ran it.
 *
 * <p>In a channel, the tutor first posts as itself ({@code chat.postMessage}, or {@code
 * chat.postEphemeral} for "Just for me"): such a message has no time limit, whereas a
 * response_url expires 30 minutes after the command and takes at most five posts, and a modal
 * can stay open longer than that. When Slack answers {@code not_in_channel} or {@code
 * channel_not_found} (a channel the tutor is not a member of, a direct message between people),
 * the message goes through the command's response_url instead, which works in any conversation
 * the command ran in, with {@code response_type} {@code in_channel} or {@code ephemeral}. When
 * that is missing or refused too (expired), the person gets it in their direct messages with the
 * tutor, with a note. From App Home, where there is no conversation, the direct message is the
 * place. Thread-safe.
 */
final class CardDelivery {

  private static final Logger log = LoggerFactory.getLogger(CardDelivery.class);

  /** Slack's answers that mean "the tutor can't post there", as opposed to a real failure. */
  static final Set<String> CANNOT_POST_THERE = Set.of("not_in_channel", "channel_not_found");

  private final SlackWeb web;
  private final Slack slack;

  CardDelivery(SlackWeb web, Slack slack) {
    this.web = web;
    this.slack = slack;
  }

  /** A message to deliver: the fallback text (neutralized here) and blocks built neutralized. */
  record Message(String text, List<LayoutBlock> blocks) {}

  /**
   * Delivers the message to where the run started, to everyone there or ({@code privately}) to the
   * runner alone. Throws {@link SlackCallException} when no way worked.
   */
  void deliver(Origin origin, Message message, boolean privately) {
    if (origin.fromAppHome()) {
      toDirectMessage(origin.userId(), message, null);
      return;
    }
    try {
      if (privately) {
        web.postEphemeral(origin.channel(), null, origin.userId(), message.text(), message.blocks());
      } else {
        web.postMessage(origin.channel(), null, message.text(), message.blocks());
      }
      return;
    } catch (SlackCallException e) {
      if (!CANNOT_POST_THERE.contains(e.error())) {
        throw e;
      }
      log.info("the tutor can't post in {} ({}); using the response_url", origin.channel(), e.error());
    }
    if (origin.responseUrl() != null) {
      try {
        respond(origin.responseUrl(), message, privately);
        return;
      } catch (SlackCallException e) {
        log.info("the response_url was refused ({}); sending a direct message instead", e.error());
      }
    }
    toDirectMessage(origin.userId(), message, ChecklistReplies.NOT_IN_CHANNEL_NOTE);
  }

  /** Posts to the person's direct messages with the tutor, after a note when one is given. */
  void toDirectMessage(String userId, Message message, String note) {
    String dm = web.openDirectMessage(userId);
    if (note != null) {
      web.postText(dm, null, note);
    }
    web.postMessage(dm, null, message.text(), message.blocks());
  }

  /**
   * Posts through a response_url (a plain HTTPS POST, no token): a new message, never replacing
   * the one whose button was tapped. Throws {@link SlackCallException} with method "response_url"
   * when Slack refuses it (expired, used five times) or can't be reached.
   */
  void respond(String responseUrl, Message message, boolean privately) {
    ActionResponse response = ActionResponse.builder()
        .responseType(privately ? "ephemeral" : "in_channel")
        .replaceOriginal(false)
        .text(SafeText.truncate(SafeText.neutralize(message.text()), SlackWeb.MAX_FALLBACK_CHARS))
        .blocks(message.blocks() == null || message.blocks().isEmpty() ? null : message.blocks())
        .build();
    WebhookResponse reply;
    try {
      reply = new Responder(slack, responseUrl).send(response);
    } catch (IOException e) {
      throw refused("unreachable (" + e.getClass().getSimpleName() + ")");
    }
    if (reply.getCode() == null || reply.getCode() != 200) {
      String body = reply.getBody() == null ? "" : reply.getBody().strip();
      // Slack answers a refused response_url with a short code such as "expired_url".
      throw refused(body.matches("[a-z_]{1,40}") ? body : "http_" + reply.getCode());
    }
  }

  private static SlackCallException refused(String error) {
    log.warn("Slack response_url post failed: {}", error);
    return new SlackCallException("response_url", error);
  }
}
