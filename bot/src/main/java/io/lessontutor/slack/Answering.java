package io.lessontutor.slack;

import io.lessontutor.answer.Answer;
import io.lessontutor.answer.Question;
import io.lessontutor.slack.views.AnswerMessage;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one question in Slack: takes the delivery on once, shows the working sign, asks the
 * tutor with the conversation's earlier question, posts the answer, clears the sign, and
 * remembers the conversation so that replies there need no mention. Runs on the executor.
 */
public final class Answering {

  private static final Logger log = LoggerFactory.getLogger(Answering.class);

  /** Reaction shown on the question while the tutor works on it. */
  public static final String WORKING_REACTION = "hourglass_flowing_sand";
  /** Assistant-thread status while the tutor works. */
  public static final String WORKING_STATUS = "is reading the lesson…";
  /** Reply to a mention without a question. */
  public static final String EMPTY_QUESTION_HINT =
      "Ask me anything about the lesson, for example: _When should we consider fine-tuning?_";

  /** How the person sees that the tutor is working. */
  public enum Sign {
    /** A reaction on the question. */
    REACTION,
    /** The assistant thread's status line. */
    ASSISTANT_STATUS,
    /** Nothing (an App Home tap has no message to react to). */
    NONE
  }

  /**
   * One question to answer.
   *
   * @param eventId Slack's event id, for de-duplication; null when not from an event
   * @param channel where the question was asked and the answer goes
   * @param messageTs the question message's ts; null when there is no message (App Home tap)
   * @param replyThreadTs the thread to answer in; null to answer at the top of the channel
   * @param conversation the key of the conversation for context: a thread ts or {@link SlackStore#NO_THREAD}
   * @param userId who asked
   * @param text the question as Slack delivered it (mrkdwn, the bot's mention already removed)
   * @param sign the working sign to show
   */
  public record Ask(String eventId, String channel, String messageTs, String replyThreadTs,
      String conversation, String userId, String text, Sign sign) {
    public Ask {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(conversation, "conversation");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(sign, "sign");
    }
  }

  private final SlackContext context;

  public Answering(SlackContext context) {
    this.context = context;
  }

  /** Queues the question on the executor; returns at once. */
  public void submit(Ask ask) {
    context.later("answering in " + ask.channel(),
        new SlackContext.Apology(ask.channel(), ask.replyThreadTs(), ask.userId(), false),
        () -> answer(ask));
  }

  /**
   * Queues the question, to be answered only if the condition (checked on the executor, as it may
   * read the database) holds.
   */
  public void submitIf(java.util.function.BooleanSupplier condition, Ask ask) {
    context.later("answering in " + ask.channel(),
        new SlackContext.Apology(ask.channel(), ask.replyThreadTs(), ask.userId(), false),
        () -> {
          if (condition.getAsBoolean()) {
            answer(ask);
          }
        });
  }

  /** Answers on the calling thread; a failure propagates to {@link SlackContext#later}. */
  void answer(Ask ask) {
    if (ask.messageTs() != null && !context.store().firstDelivery(ask.eventId(), ask.channel(), ask.messageTs())) {
      log.debug("already answered {} {}", ask.channel(), ask.messageTs());
      return;
    }
    String question = SafeText.plain(ask.text()).strip();
    SlackWeb web = context.web();
    if (question.isEmpty()) {
      web.postText(ask.channel(), ask.replyThreadTs(), EMPTY_QUESTION_HINT);
      return;
    }
    String previous = context.store().lastQuestion(ask.channel(), ask.conversation()).orElse(null);
    // Remembered before posting: a reply typed right after the answer appears must find the thread.
    context.store().rememberQuestion(ask.channel(), ask.conversation(), question);
    showSign(ask);
    if (ask.sign() == Sign.ASSISTANT_STATUS && previous == null) {
      bestEffort(() -> web.setAssistantTitle(ask.channel(), ask.replyThreadTs(), question));
    }
    try {
      Answer answer = context.tutor().answerer().answer(new Question(question, previous));
      web.postMessage(ask.channel(), ask.replyThreadTs(), AnswerMessage.fallbackText(answer),
          AnswerMessage.blocks(answer));
    } finally {
      clearSign(ask);
    }
  }

  private void showSign(Ask ask) {
    bestEffort(() -> {
      switch (ask.sign()) {
        case REACTION -> context.web().addReaction(ask.channel(), ask.messageTs(), WORKING_REACTION);
        case ASSISTANT_STATUS -> context.web().setAssistantStatus(ask.channel(), ask.replyThreadTs(), WORKING_STATUS);
        case NONE -> { }
      }
    });
  }

  private void clearSign(Ask ask) {
    bestEffort(() -> {
      switch (ask.sign()) {
        case REACTION -> context.web().removeReaction(ask.channel(), ask.messageTs(), WORKING_REACTION);
        case ASSISTANT_STATUS -> context.web().setAssistantStatus(ask.channel(), ask.replyThreadTs(), "");
        case NONE -> { }
      }
    });
  }

  /** The sign is a courtesy: failing to show it must not stop the answer (SlackWeb logged it). */
  private static void bestEffort(Runnable call) {
    try {
      call.run();
    } catch (SlackCallException e) {
      log.debug("working sign skipped: {}", e.getMessage());
    }
  }

  /** Example questions, for App Home and the assistant's suggested prompts. */
  public static final List<String> EXAMPLE_QUESTIONS = List.of(
      "When should we consider fine-tuning?",
      "Should we try RAG before fine-tuning?",
      "What is LoRA?");
}
