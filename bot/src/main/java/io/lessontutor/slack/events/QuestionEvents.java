package io.lessontutor.slack.events;

import static io.lessontutor.slack.PayloadFields.need;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import io.lessontutor.slack.Answering;
import io.lessontutor.slack.Answering.Ask;
import io.lessontutor.slack.Answering.Sign;
import io.lessontutor.slack.SlackFeature;
import io.lessontutor.slack.SlackFeature.IncomingMessage;
import io.lessontutor.store.ChannelSettingsStore.ChannelSettings;
import io.lessontutor.store.ThreadStore;
import java.util.List;

/**
 * Questions from channels and direct messages: an app_mention is answered in its thread; a direct
 * message is answered; a reply in a thread the tutor answered in is answered without a mention.
 * A feature may take a message first (see {@link SlackFeature#takeMessage}); Ask answers the rest.
 * Listeners only queue the work and ack.
 */
public final class QuestionEvents {

  private QuestionEvents() {}

  public static void install(App app, Answering answering, List<SlackFeature> features) {
    install(app, answering, features, false, channel -> ChannelSettings.DEFAULT);
  }

  /**
   * @param agentThreads true in the agent messaging experience: a direct message is answered in
   *     its own thread, which becomes an agent session
   */
  public static void install(App app, Answering answering, List<SlackFeature> features, boolean agentThreads,
      java.util.function.Function<String, ChannelSettings> channelSettings) {
    app.event(AppMentionEvent.class, (payload, ctx) -> {
      AppMentionEvent event = payload.getEvent();
      if (event.getBotId() == null && event.getUser() != null) {
        need(event.getChannel(), "event.channel");
        need(event.getTs(), "event.ts");
        String thread = event.getThreadTs() != null ? event.getThreadTs() : event.getTs();
        String text = withoutMention(event.getText(), ctx);
        if (takenByFeature(features, new IncomingMessage(payload.getEventId(), event.getChannel(), event.getTs(),
            event.getThreadTs(), event.getUser(), text, false))) {
          return ctx.ack();
        }
        answering.submit(new Ask(payload.getEventId(), event.getChannel(), event.getTs(), thread, thread,
            event.getUser(), text, Sign.REACTION, ctx.getTeamId()));
      }
      return ctx.ack();
    });

    app.event(MessageEvent.class, (payload, ctx) -> {
      MessageEvent event = payload.getEvent();
      if (event.getUser() == null || event.getUser().equals(ctx.getBotUserId())) {
        return ctx.ack();
      }
      need(event.getChannel(), "event.channel");
      need(event.getTs(), "event.ts");
      String text = withoutMention(event.getText(), ctx);
      if ("im".equals(event.getChannelType())) {
        // Threads in a direct message are assistant threads; AssistantPanel answers those.
        if (event.getThreadTs() == null && !takenByFeature(features, new IncomingMessage(payload.getEventId(),
            event.getChannel(), event.getTs(), null, event.getUser(), text, true))) {
          if (agentThreads) {
            answering.submit(new Ask(payload.getEventId(), event.getChannel(), event.getTs(), event.getTs(),
                event.getTs(), event.getUser(), text, Sign.AGENT_SESSION, ctx.getTeamId()));
          } else {
            answering.submit(new Ask(payload.getEventId(), event.getChannel(), event.getTs(), null,
                ThreadStore.NO_THREAD, event.getUser(), text, Sign.REACTION));
          }
        }
      } else if (mentions(event.getText(), ctx)) {
        return ctx.ack(); // the app_mention of the same message answers it
      } else if (event.getThreadTs() != null && !event.getThreadTs().equals(event.getTs())) {
        String thread = event.getThreadTs();
        String channel = event.getChannel();
        answering.submitIf(() -> !channelSettings.apply(channel).threadsNeedMention() && answering.answeredIn(channel, thread),
            new Ask(payload.getEventId(), channel, event.getTs(), thread, thread, event.getUser(), text,
                Sign.REACTION, ctx.getTeamId()));
      } else if (event.getThreadTs() == null) {
        String channel = event.getChannel();
        answering.submitQuietly(() -> channelSettings.apply(channel).answerAll(),
            new Ask(payload.getEventId(), channel, event.getTs(), event.getTs(), event.getTs(), event.getUser(), text,
                Sign.NONE, ctx.getTeamId()));
      }
      return ctx.ack();
    });
  }

  /** Offers the message to each feature in turn; true when one took it. */
  static boolean takenByFeature(List<SlackFeature> features, IncomingMessage message) {
    for (SlackFeature feature : features) {
      if (feature.takeMessage(message)) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentions(String text, EventContext ctx) {
    return text != null && ctx.getBotUserId() != null && text.contains("<@" + ctx.getBotUserId() + ">");
  }

  /** The text without the tutor's own mention, which is how people address it, not the question. */
  static String withoutMention(String text, EventContext ctx) {
    if (text == null) {
      return "";
    }
    String bot = ctx.getBotUserId();
    return bot == null ? text : text.replace("<@" + bot + ">", " ").strip();
  }
}
