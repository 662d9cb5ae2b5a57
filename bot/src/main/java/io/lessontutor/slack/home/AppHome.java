package io.lessontutor.slack.home;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static io.lessontutor.slack.PayloadFields.need;

import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import io.lessontutor.slack.Answering;
import io.lessontutor.slack.Answering.Ask;
import io.lessontutor.slack.Answering.Sign;
import io.lessontutor.slack.SafeText;
import io.lessontutor.slack.SlackContext;
import io.lessontutor.slack.SlackFeature;
import io.lessontutor.store.ThreadStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The App Home tab: what the tutor is, example questions as buttons (a tap asks it, and the answer
 * arrives in the person's direct message with the tutor), then whatever the installed features add
 * (the checklist and quiz buttons, quiz progress).
 */
public final class AppHome {

  /** Prefix of the example-question buttons' action ids; Slack wants them unique in a block. */
  public static final String ASK_EXAMPLE = "tutor_home_ask";
  static final int MAX_BLOCKS = 100;
  static final String INTRO = "I'm *Lesson Tutor*. I answer questions about the lesson"
      + " *When to Fine-Tune vs When to Just Prompt: A Decision Framework*, from the lesson's own words."
      + "\n\nMention me in a channel, send me a direct message, or open me in the assistant panel.";

  private AppHome() {}

  public static void install(App app, SlackContext context, Answering answering, List<SlackFeature> features) {
    install(app, context, answering, features, null);
  }

  /**
   * @param messagesTab told when someone opens the app's Messages tab (the agent messaging
   *     experience greets them there); null to ignore that tab
   */
  public static void install(App app, SlackContext context, Answering answering, List<SlackFeature> features,
      java.util.function.BiConsumer<String, String> messagesTab) {
    app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
      AppHomeOpenedEvent event = payload.getEvent();
      if ("messages".equals(event.getTab()) && messagesTab != null && event.getChannel() != null) {
        messagesTab.accept(event.getUser(), event.getChannel());
      }
      if (event.getTab() == null || "home".equals(event.getTab())) {
        String user = need(event.getUser(), "event.user");
        context.later("publishing App Home", null, () -> context.web().publishHome(user, view(user, answering.exampleQuestions(), features)));
      }
      return ctx.ack();
    });

    app.blockAction(java.util.regex.Pattern.compile("^" + ASK_EXAMPLE + "_\\d+$"), (req, ctx) -> {
      String user = need(need(req.getPayload().getUser(), "user").getId(), "user.id");
      String question = need(req.getPayload().getActions().get(0).getValue(), "actions[0].value");
      context.later("asking from App Home", null, () -> {
        String dm = context.web().openDirectMessage(user);
        context.web().postText(dm, null, "You asked: " + question);
        answering.submit(new Ask(null, dm, null, null, ThreadStore.NO_THREAD, user, question, Sign.NONE));
      });
      return ctx.ack();
    });
  }

  /** The home view for one person. */
  public static View view(String userId, List<String> examples, List<SlackFeature> features) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.text(plainText("Lesson Tutor"))));
    blocks.add(section(s -> s.text(markdownText(INTRO))));
    blocks.add(divider());
    blocks.add(section(s -> s.text(markdownText("*Ask* — tap a question to try me:"))));
    List<BlockElement> buttons = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      String question = examples.get(i);
      String actionId = ASK_EXAMPLE + "_" + i;
      buttons.add(button(b -> b.actionId(actionId)
          .text(plainText(SafeText.truncate(question, 75))).value(question)));
    }
    blocks.add(actions(buttons));
    for (SlackFeature feature : features) {
      List<LayoutBlock> extra = feature.homeBlocks(userId);
      if (!extra.isEmpty()) {
        blocks.add(divider());
        blocks.addAll(extra);
      }
    }
    List<LayoutBlock> fitted = blocks.size() > MAX_BLOCKS ? blocks.subList(0, MAX_BLOCKS) : blocks;
    return View.builder().type("home").blocks(List.copyOf(fitted)).build();
  }
}
