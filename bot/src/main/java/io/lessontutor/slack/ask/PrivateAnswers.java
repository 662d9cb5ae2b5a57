package io.lessontutor.slack.ask;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.ActionRespondUtility;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import io.lessontutor.answer.Answer;
import io.lessontutor.answer.Answerer;
import io.lessontutor.answer.Question;
import io.lessontutor.slack.SafeText;
import io.lessontutor.slack.SlackContext;
import io.lessontutor.slack.SlackFeature;
import io.lessontutor.slack.SlackWeb;
import io.lessontutor.slack.views.AnswerMessage;
import io.lessontutor.store.PrivateAnswerStore;
import io.lessontutor.store.PrivateAnswerStore.PrivateAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers only the asker sees: {@code /tutor ask QUESTION} and the message shortcut
 * <i>Ask the tutor about this</i>. Each comes with <i>Share in channel</i>, which posts the same
 * answer (kept as shown, see {@link PrivateAnswerStore}) naming who shared it, once.
 */
public final class PrivateAnswers implements SlackFeature {

  private static final Logger log = LoggerFactory.getLogger(PrivateAnswers.class);

  public static final String COMMAND = "/tutor";
  public static final String SHORTCUT = "tutor_ask_about_message";
  public static final String SHARE = "tutor_share_answer";
  public static final String USAGE = "Ask me privately with `/tutor ask QUESTION`, for example"
      + " `/tutor ask when should we consider fine-tuning?`. Only you will see the answer, with a button to share it.";
  public static final String SHARED = "You shared this answer in the channel.";
  public static final String ALREADY_SHARED = "That answer was already shared.";
  public static final String NOTHING_TO_ASK = "That message has no text I can read. Try `/tutor ask QUESTION`.";
  /** Longest question quoted back above a shared answer. */
  static final int MAX_QUOTED = 200;

  private static final Gson GSON = GsonFactory.createSnakeCase();

  private final Answerer answerer;
  private final PrivateAnswerStore store;

  public PrivateAnswers(Answerer answerer, PrivateAnswerStore store) {
    this.answerer = Objects.requireNonNull(answerer, "answerer");
    this.store = Objects.requireNonNull(store, "store");
  }

  /** How a reply reaches the person privately (a command's or an action's response_url). */
  @FunctionalInterface
  interface Reply {
    void send(String text, List<LayoutBlock> blocks, boolean replaceOriginal) throws IOException;
  }

  @Override
  public void install(App app, SlackContext context) {
    app.command(COMMAND, (req, ctx) -> {
      String channel = req.getPayload().getChannelId();
      String user = req.getPayload().getUserId();
      String text = Objects.requireNonNullElse(req.getPayload().getText(), "").strip();
      Reply reply = (t, blocks, replace) -> {
        var sent = ctx.respond(SlashCommandResponse.builder().responseType("ephemeral")
            .text(SafeText.truncate(SafeText.neutralize(t), SlackWeb.MAX_FALLBACK_CHARS)).blocks(blocks).build());
        if (sent.getCode() != 200) {
          log.warn("Slack refused the reply to {}: HTTP {}", COMMAND, sent.getCode());
        }
      };
      context.later("answering /tutor privately", null, unchecked(() -> {
        Optional<String> question = question(text);
        if (question.isEmpty()) {
          reply.send(USAGE, null, false);
        } else {
          answerPrivately(user, channel, null, question.get(), reply);
        }
      }));
      return ctx.ack();
    });

    app.messageShortcut(SHORTCUT, (req, ctx) -> {
      var payload = req.getPayload();
      String user = payload.getUser().getId();
      String channel = payload.getChannel().getId();
      var message = payload.getMessage();
      String text = message == null ? "" : SafeText.plain(message.getText()).strip();
      String thread = message == null ? null : (message.getThreadTs() != null ? message.getThreadTs() : message.getTs());
      Reply reply = respondingTo(ctx);
      context.later("answering a message shortcut", null, unchecked(() -> {
        if (text.isEmpty()) {
          reply.send(NOTHING_TO_ASK, null, false);
        } else {
          answerPrivately(user, channel, thread, text, reply);
        }
      }));
      return ctx.ack();
    });

    app.blockAction(SHARE, (req, ctx) -> {
      String user = req.getPayload().getUser().getId();
      String answerId = req.getPayload().getActions().get(0).getValue();
      Reply reply = respondingTo(ctx);
      context.later("sharing a private answer", null, unchecked(() -> share(context.web(), user, answerId, reply)));
      return ctx.ack();
    });
  }

  /** The question in {@code /tutor} text: after "ask", or the whole text; empty for "", "ask" and "help". */
  static Optional<String> question(String text) {
    String rest = text.strip();
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.equals("ask") || lower.startsWith("ask ")) {
      rest = rest.substring(3).strip();
    }
    return rest.isEmpty() || rest.equalsIgnoreCase("help") ? Optional.empty() : Optional.of(rest);
  }

  private void answerPrivately(String user, String channel, String threadTs, String question, Reply reply)
      throws IOException {
    String plain = SafeText.plain(question).strip();
    Answer answer = answerer.answer(new Question(plain, null));
    log.info("{} privately in {}: reason=\"{}\" answerer={}", answer.kind(), channel, answer.reason(), answer.answerer());
    List<LayoutBlock> blocks = AnswerMessage.blocks(answer);
    String fallback = AnswerMessage.fallbackText(answer);
    String id = store.save(user, channel, threadTs,
        "Shared answer to: " + SafeText.truncate(plain, MAX_QUOTED) + "\n" + fallback,
        sharedBlocks(plain, blocks));
    List<LayoutBlock> shown = new ArrayList<>();
    shown.add(context(c -> c.elements(List.of(markdownText("Only you can see this. You asked: _"
        + SafeText.neutralize(SafeText.truncate(plain, MAX_QUOTED)) + "_")))));
    shown.addAll(blocks);
    shown.add(actions(List.of(button(b -> b.actionId(SHARE).text(plainText("Share in channel")).value(id)))));
    reply.send(fallback, fitted(shown), false);
  }

  /** The answer's blocks under a line saying who shared it (filled in at share time) and what was asked. */
  private static String sharedBlocks(String question, List<LayoutBlock> blocks) {
    List<LayoutBlock> all = new ArrayList<>();
    all.add(context(c -> c.elements(List.of(markdownText("%SHARER% shared the tutor's answer to: _"
        + SafeText.neutralize(SafeText.truncate(question, MAX_QUOTED)) + "_")))));
    all.addAll(blocks);
    return GSON.toJson(fitted(all));
  }

  private void share(SlackWeb web, String user, String answerId, Reply reply) throws IOException {
    Optional<PrivateAnswer> shared = store.share(answerId, user);
    if (shared.isEmpty()) {
      reply.send(ALREADY_SHARED, null, true);
      return;
    }
    PrivateAnswer answer = shared.get();
    // The marker is the tutor's own text, so the only entity in it is the mention built here.
    JsonArray blocks = JsonParser.parseString(answer.blocksJson()).getAsJsonArray();
    String json = blocks.toString().replace("%SHARER%", SafeText.userMention(user));
    web.postMessageJson(answer.channel(), answer.threadTs(), answer.fallbackText(), json);
    reply.send(SHARED, null, true);
  }

  private static List<LayoutBlock> fitted(List<LayoutBlock> blocks) {
    return blocks.size() > AnswerMessage.MAX_BLOCKS ? List.copyOf(blocks.subList(0, AnswerMessage.MAX_BLOCKS)) : blocks;
  }

  private static Reply respondingTo(ActionRespondUtility ctx) {
    return (text, blocks, replace) -> {
      var sent = ctx.respond(ActionResponse.builder().responseType("ephemeral").replaceOriginal(replace)
          .text(SafeText.truncate(SafeText.neutralize(text), SlackWeb.MAX_FALLBACK_CHARS)).blocks(blocks).build());
      if (sent.getCode() != 200) {
        log.warn("Slack refused a private reply: HTTP {}", sent.getCode());
      }
    };
  }

  @FunctionalInterface
  private interface IoWork {
    void run() throws IOException;
  }

  private static Runnable unchecked(IoWork work) {
    return () -> {
      try {
        work.run();
      } catch (IOException e) {
        throw new UncheckedIOException("could not reply privately (" + e.getClass().getSimpleName() + ")", e);
      }
    };
  }
}
