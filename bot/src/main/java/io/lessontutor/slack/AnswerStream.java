package io.lessontutor.slack;

import io.lessontutor.answer.Answer;
import io.lessontutor.slack.views.AnswerMessage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer streamed into a Slack thread while the answerer writes it ({@code chat.startStream},
 * {@code chat.appendStream}, {@code chat.stopStream}). It receives only text the answerer already
 * checked against the lesson, and starts the stream with the first piece, so a reply that never
 * yields one leaves no trace in Slack. {@link #finish} makes the message the final answer: the
 * streamed text with the answer's source line and buttons below it, or, when the final answer is
 * not what was streamed, the answer replacing it ({@code chat.update}), or one message when
 * nothing was streamed. Fed by the answerer's thread, then finished by the answering thread.
 */
final class AnswerStream implements Consumer<String> {

  private static final Logger log = LoggerFactory.getLogger(AnswerStream.class);

  private final SlackWeb web;
  private final String channel;
  private final String threadTs;
  private final String recipientUserId;
  private final String recipientTeamId;
  /** The blocks of a final answer posted as one message. */
  private final java.util.function.Function<Answer, java.util.List<com.slack.api.model.block.LayoutBlock>> blocks;
  private final StringBuilder streamed = new StringBuilder();
  /** The streamed message, once started. */
  private String ts;
  /** Slack refused the start: the answer goes out as one message at the end. */
  private boolean notStarted;
  /** A call failed after the start: what Slack shows may lack text, so the answer replaces it. */
  private boolean broken;
  /** The person pressed stop: Slack ended the stream itself; nothing more is sent. */
  private boolean stopped;

  AnswerStream(SlackWeb web, String channel, String threadTs, String recipientUserId, String recipientTeamId) {
    this(web, channel, threadTs, recipientUserId, recipientTeamId, AnswerMessage::blocks);
  }

  AnswerStream(SlackWeb web, String channel, String threadTs, String recipientUserId, String recipientTeamId,
      java.util.function.Function<Answer, java.util.List<com.slack.api.model.block.LayoutBlock>> blocks) {
    this.blocks = blocks;
    this.web = web;
    this.channel = channel;
    this.threadTs = threadTs;
    this.recipientUserId = recipientUserId;
    this.recipientTeamId = recipientTeamId;
  }

  @Override
  public synchronized void accept(String verifiedText) {
    if (notStarted || broken || stopped) {
      return;
    }
    try {
      if (ts == null) {
        ts = web.startStream(channel, threadTs, recipientUserId, recipientTeamId, verifiedText.strip());
      } else {
        web.appendStream(channel, ts, verifiedText);
      }
      streamed.append(verifiedText);
    } catch (SlackCallException e) {
      // SlackWeb logged the error code; the final answer still arrives through finish.
      if (ts == null) {
        notStarted = true;
      } else {
        broken = true;
      }
    }
  }

  /** The person pressed the agent session's stop button: from now on nothing reaches Slack. */
  synchronized void stop() {
    stopped = true;
  }

  /** Posts or completes the final answer, unless stopped; call once, after the answerer returned it. */
  synchronized void finish(Answer answer) {
    if (stopped) {
      log.info("answer in {} stopped by the person; not sent", channel);
      return;
    }
    String text = AnswerMessage.fallbackText(answer);
    if (ts == null) {
      web.postMessage(channel, threadTs, text, blocks.apply(answer));
      return;
    }
    if (!broken && streamed.toString().equals(answer.text())) {
      web.stopStream(channel, ts, AnswerMessage.footer(answer));
      return;
    }
    // The answer changed after streaming began (a later sentence failed the grounding check and
    // the extractive answer replaced it): stop the stream, then show the final answer in its place.
    log.info("replacing a streamed answer in {} with the final one (answerer={}, fallback={})",
        channel, answer.answerer(), answer.fallbackReason());
    try {
      web.stopStream(channel, ts, null);
    } catch (SlackCallException e) {
      log.debug("stopping the stream failed ({}); updating the message anyway", e.error());
    }
    try {
      web.updateMessage(channel, ts, text, AnswerMessage.blocks(answer));
    } catch (SlackCallException e) {
      // What was streamed is checked text, so it may stay; the person still gets the answer.
      web.postMessage(channel, threadTs, text, AnswerMessage.blocks(answer));
    }
  }
}
