package io.lessontutor.slack.experts;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import io.lessontutor.slack.SafeText;
import io.lessontutor.slack.SlackCallException;
import io.lessontutor.slack.SlackContext;
import io.lessontutor.slack.SlackFeature;
import io.lessontutor.slack.views.AnswerMessage;
import io.lessontutor.store.StoreException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Ask a person", on the tutor's declines and after a 👎: posts the question, with a link to the
 * conversation, to the expert channel or to each expert in a direct message, and tells the asker
 * privately who was asked. One person's tap on one answer asks once, on any instance.
 */
public final class AskAPerson implements SlackFeature {

  private static final Logger log = LoggerFactory.getLogger(AskAPerson.class);

  public static final String ALREADY_ASKED = "I already passed this one on; they'll reply in your conversation.";
  /** Longest question quoted to the experts. */
  static final int MAX_QUOTED = 1_000;

  private final Experts experts;

  public AskAPerson(Experts experts) {
    this.experts = Objects.requireNonNull(experts, "experts");
  }

  @Override
  public void install(App app, SlackContext context) {
    app.blockAction(AnswerMessage.ASK_PERSON, (req, ctx) -> {
      BlockActionPayload payload = req.getPayload();
      context.later("asking a person", apology(payload), () -> ask(context, payload));
      return ctx.ack();
    });
  }

  private static SlackContext.Apology apology(BlockActionPayload payload) {
    return payload.getChannel() == null ? null
        : new SlackContext.Apology(payload.getChannel().getId(), threadOf(payload), payload.getUser().getId(), true);
  }

  private static String threadOf(BlockActionPayload payload) {
    return payload.getMessage() == null ? null : payload.getMessage().getThreadTs();
  }

  private void ask(SlackContext context, BlockActionPayload payload) {
    if (payload.getChannel() == null) {
      return;
    }
    String channel = payload.getChannel().getId();
    String asker = payload.getUser().getId();
    String value = payload.getActions().get(0).getValue();
    int newline = value.indexOf('\n');
    String answerTs = newline <= 0 ? payload.getContainer().getMessageTs() : value.substring(0, newline);
    String question = SafeText.plain(newline < 0 ? value : value.substring(newline + 1)).strip();
    String thread = threadOf(payload);
    if (!firstAsk(context, asker, channel, answerTs)) {
      context.web().postEphemeral(channel, thread, asker, ALREADY_ASKED, null);
      return;
    }
    String link = permalink(context, channel, answerTs);
    String text = SafeText.userMention(asker) + " asked something the tutor couldn't answer well:\n>"
        + SafeText.neutralize(SafeText.truncate(question, MAX_QUOTED)).replace("\n", "\n>")
        + (link == null ? "" : "\n<" + link + "|Open the conversation> and reply there.");
    List<LayoutBlock> blocks = List.of(section(s -> s.text(markdownText(text))));
    String fallback = "A question for a person: " + question;
    String told;
    if (experts.channel() != null) {
      context.web().postMessage(experts.channel(), null, fallback, blocks);
      told = "I've asked the experts in " + SafeText.channelLink(experts.channel());
    } else {
      for (String expert : experts.people()) {
        context.web().postMessage(context.web().openDirectMessage(expert), null, fallback, blocks);
      }
      told = "I've asked " + String.join(", ", experts.people().stream().map(SafeText::userMention).toList())
          + " in a direct message";
    }
    String toAsker = told + "; they'll reply in this conversation.";
    context.web().postEphemeral(channel, thread, asker, toAsker,
        List.of(section(s -> s.text(markdownText(toAsker)))));
  }

  /** Slack's permalink is a URL of its own; anything else is left out rather than put in a link. */
  private static String permalink(SlackContext context, String channel, String ts) {
    if (ts == null || ts.isEmpty()) {
      return null;
    }
    try {
      String url = context.web().permalink(channel, ts);
      return url != null && url.startsWith("https://") && !url.matches(".*[|<>\\s].*") ? url : null;
    } catch (SlackCallException e) {
      log.info("no permalink for the conversation in {}: {}", channel, e.error());
      return null;
    }
  }

  private static boolean firstAsk(SlackContext context, String asker, String channel, String answerTs) {
    try {
      return context.deliveries().firstDelivery(null, "ask-person:" + asker + ":" + channel, answerTs);
    } catch (StoreException e) {
      if (!e.unavailable()) {
        throw e;
      }
      return true;
    }
  }
}
