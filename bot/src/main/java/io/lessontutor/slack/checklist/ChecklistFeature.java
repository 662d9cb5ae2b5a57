package io.lessontutor.slack.checklist;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static io.lessontutor.slack.PayloadFields.need;

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
import io.lessontutor.slack.PayloadFields;
import io.lessontutor.slack.SafeText;
import io.lessontutor.slack.SlackCallException;
import io.lessontutor.slack.SlackContext;
import io.lessontutor.slack.SlackFeature;
import io.lessontutor.slack.views.AnswerMessage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decide in Slack: {@code /should-we-finetune [description | help | history]}, the checklist modal,
 * the verdict card with its "Run it again" button, and the App Home button.
 *
 * <p>The modal shows only the checks that are answered or could still change the verdict; each
 * answer comes back as a block action and the modal is rebuilt ({@code views.update}) so questions
 * that can no longer matter drop out. The card's "Show all reasons" sends every reason privately.
 * An answer's "Run the checklist with this" opens the modal pre-filled from the question.
 *
 * <p>Every listener acks at once. The pre-fill and the modal run right after the ack, on a thread
 * of their own rather than the shared executor, where slow answers could hold them until the
 * trigger_id expires (three seconds after the command). When Slack refuses to open it, or the
 * whole takes longer than {@link #SLOW_OPEN}, the person is told privately, with a button that
 * opens it with a fresh trigger_id. Everything else (storing the run, posting the card, the
 * history) runs after the ack through {@link SlackContext#later}. Where the card goes is {@link
 * CardDelivery}'s decision.
 */
public final class ChecklistFeature implements SlackFeature, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChecklistFeature.class);

  public static final String COMMAND = ChecklistReplies.COMMAND;
  /** The App Home button that opens the checklist. */
  public static final String OPEN_FROM_HOME = "tutor_checklist_open";
  public static final String RUN_AGAIN = VerdictMessage.RUN_AGAIN;
  public static final String MODAL_CALLBACK_ID = ChecklistModal.CALLBACK_ID;
  /** The button that tries to open the modal again; its value is the command's text, for the pre-fill. */
  public static final String RETRY_OPEN = "tutor_checklist_retry_open";
  /** How long views.open may take before the person is offered the retry button. */
  static final Duration SLOW_OPEN = Duration.ofMillis(2_500);
  static final String SLOW_TO_OPEN = "Slack is slow to open the checklist. If it doesn't appear, tap the button.";
  static final String OPEN_AGAIN = "Open the checklist";
  /** Longest command text carried in the retry button; Slack allows 2,000 characters in a value. */
  static final int MAX_RETRY_VALUE = 1_900;

  private final ChecklistService service;
  /** Where views.open runs right after the ack; a few threads, as people run the command a few at a time. */
  private final ExecutorService modals = Executors.newFixedThreadPool(MODAL_THREADS, r -> {
    Thread thread = new Thread(r, "checklist-modal");
    thread.setDaemon(true);
    return thread;
  });
  static final int MODAL_THREADS = 4;

  public ChecklistFeature(ChecklistService service) {
    this.service = service;
  }

  /** Stops the thread that opens modals; called when the app closes. */
  @Override
  public void close() {
    modals.shutdown();
  }

  private static LayoutBlock homeButton() {
    return retryBlock(OPEN_FROM_HOME, "open");
  }

  /** An actions block with one button that opens the modal again. */
  static LayoutBlock retryBlock(String actionId, String value) {
    return actions(List.of(button(b -> b.actionId(actionId).style("primary").text(plainText(OPEN_AGAIN)).value(value))));
  }

  @Override
  public void install(App app, SlackContext context) {
    Listeners listeners = new Listeners(context, new CardDelivery(context.web(), app.slack()), modals);
    // The pre-fill runs within the trigger_id's 3 s, so its model must not load on the first command.
    Thread warmUp = new Thread(() -> {
      try {
        service.warmUp();
      } catch (RuntimeException e) {
        log.warn("could not load the checklist pre-fill's embedding model ahead of time", e);
      }
    }, "checklist-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
    app.command(COMMAND, (req, ctx) -> listeners.command(req.getPayload(), ctx));
    app.viewSubmission(MODAL_CALLBACK_ID, (req, ctx) -> {
      listeners.submitted(req.getPayload());
      return ctx.ack();
    });
    app.blockAction(RUN_AGAIN, (req, ctx) -> {
      listeners.runAgain(req.getPayload());
      return ctx.ack();
    });
    app.blockAction(ChecklistModal.ANSWER_ACTION, (req, ctx) -> {
      listeners.answered(req.getPayload());
      return ctx.ack();
    });
    app.blockAction(VerdictMessage.SHOW_ALL, (req, ctx) -> {
      listeners.showAll(req.getPayload());
      return ctx.ack();
    });
    app.blockAction(AnswerMessage.RUN_CHECKLIST, (req, ctx) -> {
      listeners.fromAnswer(req.getPayload());
      return ctx.ack();
    });
    app.blockAction(OPEN_FROM_HOME, (req, ctx) -> {
      Origin origin = Origin.appHome(need(need(req.getPayload().getUser(), "user").getId(), "user.id"));
      listeners.openAfterAck(need(req.getPayload().getTriggerId(), "trigger_id"), origin, () -> service.questions(""),
          false, false, homeButton());
      return ctx.ack();
    });
    app.blockAction(RETRY_OPEN, (req, ctx) -> {
      listeners.retryOpen(req.getPayload());
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
    private final ExecutorService modals;

    Listeners(SlackContext context, CardDelivery delivery, ExecutorService modals) {
      this.context = context;
      this.delivery = delivery;
      this.modals = modals;
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
          history(payload.getChannelId(), PayloadFields.webUrl(payload.getResponseUrl()), user);
          return ctx.ack();
        }
        default -> {
          Origin origin = new Origin(payload.getChannelId(), PayloadFields.webUrl(payload.getResponseUrl()), user);
          openAfterAck(need(payload.getTriggerId(), "trigger_id"), origin, () -> service.questions(text), true, false,
              retryBlock(RETRY_OPEN, SafeText.truncate(text, MAX_RETRY_VALUE)));
          return ctx.ack();
        }
      }
    }

    /**
     * Opens the modal on its own thread, as the listener returns its ack. When Slack refuses, or
     * takes longer than {@link #SLOW_OPEN}, the person is told privately, once, with the retry block.
     */
    void openAfterAck(String triggerId, Origin origin, Supplier<List<PrefilledCheck>> prefill, boolean countFilled,
        boolean justForMe, LayoutBlock retry) {
      CompletableFuture.supplyAsync(() -> {
        List<PrefilledCheck> questions;
        try {
          questions = prefill.get();
        } catch (RuntimeException e) {
          log.error("pre-filling the checklist failed", e);
          return Optional.of(SlackContext.TUTOR_APOLOGY);
        }
        int filled = countFilled ? (int) questions.stream().filter(q -> !q.open()).count() : 0;
        return open(triggerId, origin, questions, filled, justForMe);
      }, modals)
          .completeOnTimeout(Optional.of(SLOW_TO_OPEN), SLOW_OPEN.toMillis(), TimeUnit.MILLISECONDS)
          .thenAccept(failure -> failure.ifPresent(text -> tell(origin, text, retry)));
    }

    /** The retry button under a failure notice: the command's text comes back in its value. */
    void retryOpen(BlockActionPayload payload) {
      String user = need(need(payload.getUser(), "user").getId(), "user.id");
      String channel = payload.getChannel() != null ? payload.getChannel().getId()
          : payload.getContainer() != null ? payload.getContainer().getChannelId() : null;
      Origin origin = new Origin(channel, PayloadFields.webUrl(payload.getResponseUrl()), user);
      String text = Optional.ofNullable(payload.getActions().get(0).getValue()).orElse("");
      openAfterAck(need(payload.getTriggerId(), "trigger_id"), origin, () -> service.questions(text), true, false,
          retryBlock(RETRY_OPEN, SafeText.truncate(text, MAX_RETRY_VALUE)));
    }

    /** Opens the modal; on failure logs it and returns what to tell the person. */
    Optional<String> open(String triggerId, Origin origin, List<PrefilledCheck> questions, int filled,
        boolean justForMe) {
      View view = ChecklistModal.build(service.checklist(), questions, service.stillMatters(answersOf(questions)),
          filled, justForMe, origin);
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
      Origin origin = new Origin(channel, PayloadFields.webUrl(payload.getResponseUrl()), user);
      String value = payload.getActions().get(0).getValue();
      Optional<VerdictMessage.RunAgain> again = VerdictMessage.readRunAgain(value);
      if (again.isEmpty()) {
        log.warn("a Run it again button carried a value that is not ours");
        tell(origin, ChecklistReplies.BROKEN_BUTTON);
        return;
      }
      Answers answers = again.get().answers();
      openAfterAck(need(payload.getTriggerId(), "trigger_id"), origin, () -> service.checklist().checks().stream()
          .map(c -> new PrefilledCheck(c, answers.get(c.id())))
          .toList(), false, again.get().justForMe(), retryBlock(RUN_AGAIN, value));
    }

    /** An answer in the modal: rebuild it so checks that can no longer matter drop out. */
    void answered(BlockActionPayload payload) {
      var view = payload.getView();
      Optional<Origin> origin = view == null ? Optional.empty() : Origin.fromMetadata(view.getPrivateMetadata());
      if (origin.isEmpty()) {
        log.warn("an answer in a checklist modal came without the modal's origin; the modal is left as it is");
        return;
      }
      ChecklistModal.Submission now = ChecklistModal.read(service.checklist(), view.getState());
      List<PrefilledCheck> questions = service.checklist().checks().stream()
          .map(c -> new PrefilledCheck(c, now.answers().get(c.id())))
          .toList();
      View rebuilt = ChecklistModal.build(service.checklist(), questions, service.stillMatters(now.answers()), 0,
          now.justForMe(), origin.get());
      if (view.getBlocks() != null && !view.getBlocks().isEmpty() && !rebuilt.getBlocks().isEmpty()) {
        // keep the intro as first shown ("I filled in 3 answers from what you wrote")
        rebuilt.getBlocks().set(0, view.getBlocks().get(0));
      }
      context.later("updating the checklist modal", null, () -> context.web().call("views.update",
          c -> c.viewsUpdate(r -> r.viewId(view.getId()).hash(view.getHash()).view(rebuilt))));
    }

    /** "Show all reasons": every reason of the card, with its lesson line, to the person who tapped. */
    void showAll(BlockActionPayload payload) {
      Origin origin = buttonOrigin(payload);
      Optional<VerdictMessage.RunAgain> shown = VerdictMessage.readRunAgain(payload.getActions().get(0).getValue());
      if (shown.isEmpty()) {
        log.warn("a Show all reasons button carried a value that is not ours");
        tell(origin, ChecklistReplies.BROKEN_BUTTON);
        return;
      }
      VerdictCard card = service.evaluate(shown.get().answers());
      context.later("showing every reason of a checklist verdict", null, () -> delivery.deliver(origin,
          new CardDelivery.Message(VerdictMessage.allReasonsFallback(card), VerdictMessage.allReasons(card)), true));
    }

    /** "Run the checklist with this" under an answer: the modal, pre-filled from the question. */
    void fromAnswer(BlockActionPayload payload) {
      Origin origin = buttonOrigin(payload);
      String question = SafeText.plain(payload.getActions().get(0).getValue()).strip();
      openAfterAck(need(payload.getTriggerId(), "trigger_id"), origin, () -> service.questions(question), true, false,
          retryBlock(RETRY_OPEN, SafeText.truncate(question, MAX_RETRY_VALUE)));
    }

    private Origin buttonOrigin(BlockActionPayload payload) {
      String channel = payload.getChannel() != null ? payload.getChannel().getId()
          : payload.getContainer() != null ? payload.getContainer().getChannelId() : null;
      return new Origin(channel, PayloadFields.webUrl(payload.getResponseUrl()),
          need(need(payload.getUser(), "user").getId(), "user.id"));
    }

    /** Tells only the person, wherever they are (from App Home: in their direct messages). */
    void tell(Origin origin, String text) {
      tell(origin, text, null);
    }

    /** The same, with a block (a button) under the text; null for none. */
    void tell(Origin origin, String text, LayoutBlock extra) {
      List<LayoutBlock> blocks = extra == null ? null
          : List.of(section(s -> s.text(markdownText(SafeText.neutralize(text)))), extra);
      context.later("telling someone about the checklist", null,
          () -> delivery.deliver(origin, new CardDelivery.Message(text, blocks), true));
    }

    private CardDelivery.Message message(VerdictCard card, String user, boolean justForMe) {
      return new CardDelivery.Message(VerdictMessage.fallbackText(card), VerdictMessage.blocks(service.checklist(), card, user, justForMe));
    }

    private Answers answersOf(List<PrefilledCheck> questions) {
      java.util.Map<String, io.lessontutor.checklist.AnswerValue> known = new java.util.LinkedHashMap<>();
      questions.forEach(q -> known.put(q.check().id(), q.answer()));
      return Answers.of(known);
    }

    private SlackContext.Apology apology(String channel, String user) {
      return channel == null ? null : new SlackContext.Apology(channel, null, user, true);
    }
  }
}
