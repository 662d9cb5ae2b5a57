package io.lessontutor.slack.events;

import static io.lessontutor.slack.PayloadFields.need;

import com.slack.api.bolt.App;
import com.slack.api.bolt.middleware.builtin.Assistant;
import com.slack.api.model.event.MessageEvent;
import io.lessontutor.slack.Answering;
import io.lessontutor.slack.Answering.Ask;
import io.lessontutor.slack.Answering.Sign;
import io.lessontutor.slack.SlackContext;
import io.lessontutor.slack.SlackFeature;
import java.util.List;

/**
 * Slack's assistant panel, through Bolt's {@link Assistant}: a greeting and suggested prompts
 * when a thread starts; each question answered in its thread with the status line as the working
 * sign and the first question as the thread's title.
 */
public final class AssistantPanel {

  public static final String GREETING =
      "Hi! I answer questions about the lesson *When to Fine-Tune vs When to Just Prompt*. What would you like to know?";
  public static final String PROMPTS_TITLE = "Try asking";
  /** Marks a thread's start among the deliveries, apart from the messages in it. */
  static final String THREAD_STARTED = "assistant-thread-started:";

  private AssistantPanel() {}

  public static void install(App app, SlackContext context, Answering answering, List<SlackFeature> features) {
    install(app, context, answering, features, Sign.ASSISTANT_STATUS);
  }

  /**
   * @param sign {@link Sign#ASSISTANT_STATUS} for the assistant panel; {@link Sign#AGENT_SESSION}
   *     in the agent messaging experience, whose threads in the direct message Bolt's
   *     {@link Assistant} receives the same way
   */
  public static void install(App app, SlackContext context, Answering answering, List<SlackFeature> features,
      Sign sign) {
    Assistant assistant = new Assistant(context.executor(), new AssistantLog());
    assistant.threadStarted((payload, ctx) -> {
      var thread = need(payload.getEvent().getAssistantThread(), "event.assistant_thread");
      need(thread.getChannelId(), "event.assistant_thread.channel_id");
      need(thread.getThreadTs(), "event.assistant_thread.thread_ts");
      String eventId = payload.getEventId();
      context.later("starting an assistant thread", null, () -> {
        // once per thread, also when the event is retried or replayed
        if (!context.deliveries().firstDelivery(eventId, thread.getChannelId(), THREAD_STARTED + thread.getThreadTs())) {
          return;
        }
        context.web().postText(thread.getChannelId(), thread.getThreadTs(), GREETING);
        context.web().setSuggestedPrompts(thread.getChannelId(), thread.getThreadTs(), PROMPTS_TITLE,
            answering.exampleQuestions());
      });
    });
    assistant.userMessage((payload, ctx) -> {
      MessageEvent event = payload.getEvent();
      if (event.getUser() == null || event.getUser().equals(ctx.getBotUserId())) {
        return;
      }
      need(event.getChannel(), "event.channel");
      need(event.getThreadTs(), "event.thread_ts");
      String text = QuestionEvents.withoutMention(event.getText(), ctx);
      // "quiz me" in the assistant panel is the quiz's, as it is in a direct message
      if (QuestionEvents.takenByFeature(features, new SlackFeature.IncomingMessage(payload.getEventId(),
          event.getChannel(), event.getTs(), event.getThreadTs(), event.getUser(), text, true))) {
        return;
      }
      answering.submit(new Ask(payload.getEventId(), event.getChannel(), event.getTs(), event.getThreadTs(),
          event.getThreadTs(), event.getUser(), text, sign, ctx.getTeamId()));
    });
    // The tutor's own replies land here too; they need no answer.
    assistant.botMessage((payload, ctx) -> { });
    app.assistant(assistant);
  }
}
