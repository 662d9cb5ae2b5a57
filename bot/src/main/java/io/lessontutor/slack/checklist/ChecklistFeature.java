package io.lessontutor.slack.checklist;

import static io.lessontutor.slack.PayloadFields.need;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.lessontutor.checklist.Answers;
import io.lessontutor.checklist.ChecklistHistory;
import io.lessontutor.checklist.ChecklistRun;
import io.lessontutor.checklist.ChecklistService;
import io.lessontutor.checklist.PrefilledCheck;
import io.lessontutor.checklist.VerdictCard;
import io.lessontutor.slack.SafeText;
import io.lessontutor.slack.SlackCallException;
import io.lessontutor.slack.SlackContext;
import io.lessontutor.slack.SlackFeature;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decide in Slack: {@code /should-we-finetune [description | help | history]}, the checklist modal,
 * the verdict card with its "Run it again" button, and the App Home button.
 *
 * <p>The modal is opened inside the listener, before the ack, as Bolt's own examples do: a
 * trigger_id expires three seconds after the command, and behind slow answers on the shared
 * executor it could expire; opening it is one Web API call and pre-filling is local. Everything
 * else (storing the run, posting the card, the history) runs after the ack through {@link
 * SlackContext#later}. Where the card goes is {@link CardDelivery}'s decision.
 */
public final class ChecklistFeature implements SlackFeature {

  private static final Logger log = LoggerFactory.getLogger(ChecklistFeature.class);

  public static final String COMMAND = ChecklistReplies.COMMAND;
  /** The App Home button that opens the checklist. */
  public static final String OPEN_FROM_HOME = "tutor_checklist_open";
  public static final String RUN_AGAIN = VerdictMessage.RUN_AGAIN;
  public static final String MODAL_CALLBACK_ID = ChecklistModal.CALLBACK_ID;

  private final ChecklistService service;

  public ChecklistFeature(ChecklistService service) {
    this.service = service;
  }

  @Override
  public void install(App app, SlackContext context) {
    Listeners listeners = new Listeners(context, new CardDelivery(context.web(), app.slack()));
    app.command(COMMAND, (req, ctx) -> listeners.command(req.getPayload(), ctx));
    app.viewSubmission(MODAL_CALLBACK_ID, (req, ctx) -> {
      listeners.submitted(req.getPayload());
      return ctx.ack();
    });
    app.blockAction(RUN_AGAIN, (req, ctx) -> {
      listeners.runAgain(req.getPayload());
      return ctx.ack();
    });
    app.blockAction(OPEN_FROM_HOME, (req, ctx) -> {
      Origin origin = Origin.appHome(need(need(req.getPayload().getUser(), "user").getId(), "user.id"));
      listeners.open(req.getPayload().getTriggerId(), origin, service.questions(""), 0, false)
          .ifPresent(failure -> listeners.tell(origin, failure));
      return ctx.ack();
    });
  }

  @Override
  public List<LayoutBlock> homeBlocks(String userId) {
    return List.of(
        section(s -> s.text(markdownText("*Decide* — run the lesson's checklist with your team:"
            + " should you fine-tune, or keep prompting? In a channel, type `" + COMMAND + "`."))),
        actions(List.of(button(b -> b.actionId(OPEN_FROM_HOME).style("primary")
            .text(plainText("Should we fine-tune?")).value("open")))));
  }

  /** The listeners, with what they share. */
  private final class Listeners {

    private final SlackContext context;
    private final CardDelivery delivery;

    Listeners(SlackContext context, CardDelivery delivery) {
      this.context = context;
      this.delivery = delivery;
    }

    Response command(SlashCommandPayload payload, SlashCommandContext ctx) {
      String text = SafeText.plain(payload.getText()).strip();
      String user = need(payload.getUserId(), "user_id");
      need(payload.getChannelId(), "channel_id");
      switch (text.toLowerCase(Locale.ROOT)) {
        case "help", "?" -> {
          return ctx.ack(r -> r.responseType("ephemeral").text(ChecklistReplies.help(service.precedence())));
        }
        case "history" -> {
          history(payload.getChannelId(), payload.getResponseUrl(), user);
          return ctx.ack();
        }
        default -> {
          Origin origin = new Origin(payload.getChannelId(), payload.getResponseUrl(), user);
          List<PrefilledCheck> questions = service.questions(text);
          int filled = (int) questions.stream().filter(q -> !q.open()).count();
          Optional<String> failure = open(payload.getTriggerId(), origin, questions, filled, false);
          // The ack's text reaches the person in any conversation, member or not.
          return failure.isEmpty() ? ctx.ack() : ctx.ack(r -> r.responseType("ephemeral").text(failure.get()));
        }
      }
    }

    /** Opens the modal; on failure logs it and returns what to tell the person. */
    Optional<String> open(String triggerId, Origin origin, List<PrefilledCheck> questions, int filled,
        boolean justForMe) {
      View view = ChecklistModal.build(service.checklist(), questions, filled, justForMe, origin);
      try {
        context.web().call("views.open", c -> c.viewsOpen(r -> r.triggerId(triggerId).view(view)));
        return Optional.empty();
      } catch (SlackCallException e) {
        // SlackWeb has logged the method and Slack's error code.
        return Optional.of(String.format(ChecklistReplies.CANNOT_OPEN, e.error()));
      } catch (RuntimeException e) {
        log.error("opening the checklist failed", e);
        return Optional.of(SlackContext.TUTOR_APOLOGY);
      }
    }

    void history(String channel, String responseUrl, String user) {
      context.later("listing the checklist's history", apology(channel, user), () -> {
        List<ChecklistRun> runs = service.history(channel, ChecklistHistory.DEFAULT_LIMIT);
        CardDelivery.Message message = new CardDelivery.Message(ChecklistReplies.historyFallback(runs),
            ChecklistReplies.history(service.checklist(), runs));
        if (responseUrl != null) {
          delivery.respond(responseUrl, message, true);
        } else {
          delivery.deliver(new Origin(channel, null, user), message, true);
        }
      });
    }

    void submitted(ViewSubmissionPayload payload) {
      String user = need(need(payload.getUser(), "user").getId(), "user.id");
      need(payload.getView(), "view");
      Optional<Origin> stored = Origin.fromMetadata(payload.getView().getPrivateMetadata());
      if (stored.isEmpty()) {
        log.warn("a checklist modal came back without its origin; the verdict goes to a direct message");
      }
      Origin from = stored.orElse(Origin.appHome(user));
      Origin origin = new Origin(from.channel(), from.responseUrl(), user);
      ChecklistModal.Submission submission = ChecklistModal.read(service.checklist(), payload.getView().getState());
      context.later("posting a checklist verdict", apology(origin.channel(), user), () -> {
        if (origin.fromAppHome()) {
          // No conversation to post in: the verdict goes to the person's direct messages with the
          // tutor, and the run is filed there, so "history" in that conversation lists it.
          String dm = context.web().openDirectMessage(user);
          VerdictCard card = service.run(user, dm, submission.answers());
          CardDelivery.Message message = message(card, user, submission.justForMe());
          if (stored.isEmpty()) {
            context.web().postText(dm, null, ChecklistReplies.STALE_MODAL);
          }
          context.web().postMessage(dm, null, message.text(), message.blocks());
          return;
        }
        // a "Just for me" run is kept, but filed under the person, not the channel's history
        String where = submission.justForMe() ? privateScope(user) : origin.channel();
        VerdictCard card = service.run(user, where, submission.answers());
        delivery.deliver(origin, message(card, user, submission.justForMe()), submission.justForMe());
      });
    }

    /** Where a person's private ("Just for me") runs are filed: never listed in a channel's history. */
    static String privateScope(String user) {
      return "private:" + user;
    }

    void runAgain(BlockActionPayload payload) {
      String user = need(need(payload.getUser(), "user").getId(), "user.id");
      String channel = payload.getChannel() != null ? payload.getChannel().getId()
          : payload.getContainer() != null ? payload.getContainer().getChannelId() : null;
      Origin origin = new Origin(channel, payload.getResponseUrl(), user);
      String value = payload.getActions().get(0).getValue();
      Optional<VerdictMessage.RunAgain> again = VerdictMessage.readRunAgain(value);
      if (again.isEmpty()) {
        log.warn("a Run it again button carried a value that is not ours");
        tell(origin, ChecklistReplies.BROKEN_BUTTON);
        return;
      }
      Answers answers = again.get().answers();
      List<PrefilledCheck> questions = service.checklist().checks().stream()
          .map(c -> new PrefilledCheck(c, answers.get(c.id())))
          .toList();
      open(payload.getTriggerId(), origin, questions, 0, again.get().justForMe())
          .ifPresent(failure -> tell(origin, failure));
    }

    /** Tells only the person, wherever they are (from App Home: in their direct messages). */
    void tell(Origin origin, String text) {
      context.later("telling someone about the checklist", null,
          () -> delivery.deliver(origin, new CardDelivery.Message(text, null), true));
    }

    private CardDelivery.Message message(VerdictCard card, String user, boolean justForMe) {
      return new CardDelivery.Message(VerdictMessage.fallbackText(card), VerdictMessage.blocks(service.checklist(), card, user, justForMe));
    }

    private SlackContext.Apology apology(String channel, String user) {
      return channel == null ? null : new SlackContext.Apology(channel, null, user, true);
    }
  }
}
