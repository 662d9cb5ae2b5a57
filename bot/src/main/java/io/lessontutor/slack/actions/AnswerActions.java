package io.lessontutor.slack.actions;

import static io.lessontutor.slack.PayloadFields.need;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import io.lessontutor.answer.Source;
import io.lessontutor.slack.SlackContext;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.report.QuestionGaps;
import io.lessontutor.store.FeedbackStore;
import io.lessontutor.store.StoreException;
import io.lessontutor.store.ThreadStore;
import java.util.List;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import io.lessontutor.slack.views.AnswerMessage;
import io.lessontutor.slack.views.PassageMessage;

/**
 * The buttons under an answer: a vote (stored, one per person per answer, thanked privately) and
 * "Show passage" (the whole passage, privately).
 */
public final class AnswerActions {

  public static final String THANKS_HELPFUL = "Thanks for the feedback! Glad it helped.";
  public static final String THANKS_NOT_HELPFUL =
      "Thanks for telling me. Try rephrasing, or tap *Show passage* to read the lesson's own words.";
  public static final String PASSAGE_GONE = "That passage is no longer in the lesson.";

  private AnswerActions() {}

  public static void install(App app, SlackContext context, FeedbackStore feedback, LessonLibrary library) {
    install(app, context, feedback, library, null, null);
  }

  /**
   * @param threads where the question of a 👎 answer is found, to offer "Ask a person" with it;
   *     null when no experts are configured
   * @param gaps where a 👎 answer is kept for the gap report; null to keep nothing
   */
  public static void install(App app, SlackContext context, FeedbackStore feedback, LessonLibrary library,
      ThreadStore threads, QuestionGaps gaps) {
    app.blockAction(AnswerMessage.HELPFUL, (req, ctx) -> {
      vote(context, feedback, req.getPayload(), true, null, gaps);
      return ctx.ack();
    });
    app.blockAction(AnswerMessage.NOT_HELPFUL, (req, ctx) -> {
      vote(context, feedback, req.getPayload(), false, threads, gaps);
      return ctx.ack();
    });
    app.blockAction(AnswerMessage.SHOW_PASSAGE, (req, ctx) -> {
      showPassage(context, library, req.getPayload());
      return ctx.ack();
    });
  }

  private static void vote(SlackContext context, FeedbackStore feedback, BlockActionPayload payload, boolean helpful,
      ThreadStore threads, QuestionGaps gaps) {
    Where where = Where.of(payload);
    String passage = payload.getActions().get(0).getValue();
    context.later("recording feedback", where.apology(), () -> {
      feedback.vote(new FeedbackStore.Vote(where.channel(), where.messageTs(), where.userId(), helpful,
          AnswerMessage.NO_PASSAGE.equals(passage) ? null : passage));
      if (gaps != null && !helpful && !AnswerMessage.NO_PASSAGE.equals(passage)) {
        gaps.unhelpful(where.channel(), where.threadTs(), passage); // a declined one is kept as declined
      }
      String question = threads == null ? null : questionOf(threads, where);
      context.web().postEphemeral(where.channel(), where.threadTs(), where.userId(),
          helpful ? THANKS_HELPFUL : THANKS_NOT_HELPFUL, question == null ? null : AnswerMessage.withAskPerson(
              List.of(section(s -> s.text(markdownText(THANKS_NOT_HELPFUL)))),
              AnswerMessage.askPersonValue(where.messageTs(), question)));
    });
  }

  /** The question the voted answer answered, as remembered for its conversation; null when unknown. */
  private static String questionOf(ThreadStore threads, Where where) {
    try {
      return threads.lastQuestion(where.channel(), where.threadTs() != null ? where.threadTs() : ThreadStore.NO_THREAD)
          .orElse(null);
    } catch (StoreException e) {
      if (!e.unavailable()) {
        throw e;
      }
      return null;
    }
  }

  private static void showPassage(SlackContext context, LessonLibrary library, BlockActionPayload payload) {
    Where where = Where.of(payload);
    String passageId = payload.getActions().get(0).getValue();
    context.later("showing a passage", where.apology(), () -> {
      var passage = library.passage(passageId);
      if (passage.isEmpty()) {
        context.web().postEphemeral(where.channel(), where.threadTs(), where.userId(), PASSAGE_GONE, null);
        return;
      }
      Source source = Source.of(passage.get());
      context.web().postEphemeral(where.channel(), where.threadTs(), where.userId(),
          PassageMessage.fallbackText(source), PassageMessage.blocks(source));
    });
  }

  /** Where a button was tapped: the answer message and the person. */
  record Where(String channel, String messageTs, String threadTs, String userId) {
    static Where of(BlockActionPayload payload) {
      var container = need(payload.getContainer(), "container");
      String channel = need(payload.getChannel() != null ? payload.getChannel().getId() : container.getChannelId(),
          "channel.id");
      String threadTs = payload.getMessage() != null ? payload.getMessage().getThreadTs() : null;
      return new Where(channel, need(container.getMessageTs(), "container.message_ts"), threadTs,
          need(need(payload.getUser(), "user").getId(), "user.id"));
    }

    SlackContext.Apology apology() {
      return new SlackContext.Apology(channel, threadTs, userId, true);
    }
  }
}
