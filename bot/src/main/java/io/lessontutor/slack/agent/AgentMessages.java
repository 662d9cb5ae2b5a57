package io.lessontutor.slack.agent;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AgentSessionStoppedEvent;
import io.lessontutor.slack.Answering;
import io.lessontutor.slack.SlackContext;
import io.lessontutor.store.StoreException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's agent messaging experience ({@code features.agent_view}): a greeting and suggested
 * prompts when someone opens the app's Messages tab, the context they view beside it
 * ({@code app_context_changed}), and the agent session's stop button
 * ({@code agent_session_stopped}). Questions themselves are answered by {@link Answering} with
 * {@link Answering.Sign#AGENT_SESSION}, which sets the session's status and title.
 */
public final class AgentMessages {

  private static final Logger log = LoggerFactory.getLogger(AgentMessages.class);

  public static final String GREETING = "Hi! I answer questions about the lesson"
      + " *When to Fine-Tune vs When to Just Prompt*, from the lesson's own words. Ask me anything about it.";
  public static final String PROMPTS_TITLE = "Try asking";
  /** The greeting is remembered like a delivery (see {@link io.lessontutor.store.DeliveryStore}): once a person, every instance. */
  static final String GREETED = "agent-greeting";

  private final SlackContext context;
  private final Answering answering;
  /** What each person last viewed beside the agent (a channel id), for this process. */
  private final Map<String, String> viewing = new ConcurrentHashMap<>();

  public AgentMessages(SlackContext context, Answering answering) {
    this.context = context;
    this.answering = answering;
  }

  public void install(App app) {
    app.event(AppContextChangedEvent.class, (payload, ctx) -> {
      AppContextChangedEvent event = payload.getEvent();
      String channel = event.viewedChannel();
      if (event.getUser() != null) {
        if (channel == null) {
          viewing.remove(event.getUser());
        } else {
          viewing.put(event.getUser(), channel);
        }
      }
      if (event.getChannel() != null) {
        // Fresh prompts beside what they now view; the examples are the lesson's, whatever the channel.
        context.later("refreshing the agent's prompts", null, () -> context.web().setSuggestedPrompts(
            event.getChannel(), null, PROMPTS_TITLE, answering.exampleQuestions()));
      }
      return ctx.ack();
    });

    app.event(AgentSessionStoppedEvent.class, (payload, ctx) -> {
      AgentSessionStoppedEvent event = payload.getEvent();
      context.later("stopping an agent session", null, () -> stop(payload.getEventId(), event));
      return ctx.ack();
    });
  }

  /**
   * The Messages tab was opened (without a thread): the prompts every time, the greeting once
   * per person.
   */
  public void messagesTabOpened(String userId, String channel) {
    context.later("greeting in the Messages tab", null, () -> {
      if (firstTime(GREETED, userId)) {
        context.web().postText(channel, null, GREETING);
      }
      context.web().setSuggestedPrompts(channel, null, PROMPTS_TITLE, answering.exampleQuestions());
    });
  }

  /** The channel this person last viewed beside the agent, if Slack told us. */
  public Optional<String> viewedChannel(String userId) {
    return Optional.ofNullable(viewing.get(userId));
  }

  private void stop(String eventId, AgentSessionStoppedEvent event) {
    if (!firstTime("agent-stop:" + eventId, event.getThreadTs())) {
      return; // a retry of a stop already handled
    }
    boolean local = answering.stop(event.getChannel(), event.getThreadTs());
    log.info("agent session stopped in {} (answer in progress here: {}, streams Slack stopped: {})",
        event.getChannel(), local, event.getStreamingMessageTs() == null ? 0 : event.getStreamingMessageTs().size());
    // Slack leaves the session "processing" until the app moves it on.
    context.web().setAgentStatus(event.getChannel(), event.getThreadTs(), event.getUser(), Answering.AGENT_DONE);
    context.web().postText(event.getChannel(), event.getThreadTs(), Answering.STOPPED_NOTE);
  }

  private boolean firstTime(String what, String who) {
    try {
      return context.deliveries().firstDelivery(null, what, who);
    } catch (StoreException e) {
      if (!e.unavailable()) {
        throw e;
      }
      return true;
    }
  }
}
