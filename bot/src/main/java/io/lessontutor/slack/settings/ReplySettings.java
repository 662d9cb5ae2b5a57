package io.lessontutor.slack.settings;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.model.block.LayoutBlock;
import io.lessontutor.slack.SafeText;
import io.lessontutor.slack.SlackCallException;
import io.lessontutor.slack.SlackContext;
import io.lessontutor.slack.SlackFeature;
import io.lessontutor.slack.SlackWeb;
import io.lessontutor.store.ChannelSettingsStore;
import io.lessontutor.store.ChannelSettingsStore.ChannelSettings;
import io.lessontutor.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /tutor-settings} in a channel: whether the tutor answers only mentions (the default) or
 * every question the lesson covers (silently leaving the rest), and whether replies in its
 * threads need a mention. Any member of the channel may change it; the channel is told who did.
 * App Home lists the channels that differ from the default.
 */
public final class ReplySettings implements SlackFeature {

  private static final Logger log = LoggerFactory.getLogger(ReplySettings.class);

  public static final String COMMAND = "/tutor-settings";
  public static final String USAGE = "Use `/tutor-settings mention-only` or `/tutor-settings answer-all`, and"
      + " `threads-need-mention` or `threads-free` (both may go in one command).";
  public static final String NOT_IN_DM = "Reply settings are per channel: run `/tutor-settings` in the channel"
      + " you want to change.";

  private final ChannelSettingsStore store;

  public ReplySettings(ChannelSettingsStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** What a command's words ask for; null fields leave that setting as it is. */
  record Change(Boolean answerAll, Boolean threadsNeedMention, String unknown) {
    static Change parse(String text) {
      Boolean answerAll = null;
      Boolean threads = null;
      for (String word : text.toLowerCase(Locale.ROOT).split("[\\s,]+")) {
        switch (word) {
          case "" -> { }
          case "mention-only", "mentions", "mention" -> answerAll = false;
          case "answer-all", "all", "every" -> answerAll = true;
          case "threads-need-mention", "thread-mention" -> threads = true;
          case "threads-free", "threads-no-mention", "thread-free" -> threads = false;
          default -> {
            return new Change(null, null, word);
          }
        }
      }
      return new Change(answerAll, threads, null);
    }

    boolean empty() {
      return answerAll == null && threadsNeedMention == null;
    }

    ChannelSettings applyTo(ChannelSettings current) {
      return new ChannelSettings(answerAll != null ? answerAll : current.answerAll(),
          threadsNeedMention != null ? threadsNeedMention : current.threadsNeedMention());
    }
  }

  /** How a channel's settings read to people. */
  public static String describe(ChannelSettings settings) {
    return (settings.answerAll()
        ? "I answer every question here that the lesson covers, without a mention, and stay quiet about the rest."
        : "I answer only when mentioned.")
        + (settings.threadsNeedMention()
        ? " Replies in my threads need a mention too."
        : " Replies in threads I answered need no mention.");
  }

  /**
   * The channel's settings, or the default while the database is out of reach (then the tutor
   * answers only mentions, the quietest choice).
   */
  public ChannelSettings settingsOf(String channel) {
    try {
      return store.settings(channel);
    } catch (StoreException e) {
      if (!e.unavailable()) {
        throw e;
      }
      log.warn("cannot read the reply settings of {}: the database is out of reach", channel);
      return ChannelSettings.DEFAULT;
    }
  }

  @Override
  public void install(App app, SlackContext context) {
    app.command(COMMAND, (req, ctx) -> {
      String channel = req.getPayload().getChannelId();
      String user = req.getPayload().getUserId();
      String text = Objects.requireNonNullElse(req.getPayload().getText(), "");
      context.later("changing reply settings in " + channel, null, () -> handle(context.web(), ctx, channel, user, text));
      return ctx.ack();
    });
  }

  private void handle(SlackWeb web, SlashCommandContext ctx, String channel, String user, String text) {
    if (channel == null || channel.startsWith("D")) {
      respond(ctx, NOT_IN_DM);
      return;
    }
    Change change = Change.parse(text.strip());
    if (change.unknown() != null) {
      respond(ctx, "I don't know the setting `" + SafeText.truncate(change.unknown(), 40) + "`. " + USAGE);
      return;
    }
    ChannelSettings current = store.settings(channel);
    if (change.empty()) {
      respond(ctx, describe(current) + "\n" + USAGE);
      return;
    }
    ChannelSettings updated = change.applyTo(current);
    store.save(channel, updated, user);
    respond(ctx, "Done. " + describe(updated));
    if (!updated.equals(current)) {
      try {
        String said = "changed how I reply here: " + describe(updated);
        web.postMessage(channel, null, "Someone " + said,
            List.of(section(b -> b.text(markdownText(SafeText.userMention(user) + " " + said)))));
      } catch (SlackCallException e) {
        // Not in the channel yet: the person who changed it was told; the channel will see answers.
        log.info("could not announce the new reply settings in {}: {}", channel, e.error());
      }
    }
  }

  @Override
  public List<LayoutBlock> homeBlocks(String userId) {
    List<ChannelSettingsStore.Saved> changed;
    try {
      changed = store.changedChannels();
    } catch (StoreException e) {
      if (!e.unavailable()) {
        throw e;
      }
      return List.of();
    }
    StringBuilder text = new StringBuilder("*Reply settings* — `/tutor-settings` in a channel changes them."
        + " Channels not listed: mentions only.");
    for (ChannelSettingsStore.Saved saved : changed) {
      ChannelSettings s = saved.settings();
      text.append("\n• ").append(SafeText.channelLink(saved.channel())).append(": ")
          .append(s.answerAll() ? "answers every covered question" : "mentions only")
          .append(s.threadsNeedMention() ? ", threads need a mention" : "");
    }
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(b -> b.text(markdownText(text.toString()))));
    return blocks;
  }

  private static void respond(SlashCommandContext ctx, String text) {
    SlashCommandResponse response = SlashCommandResponse.builder()
        .responseType("ephemeral")
        .text(SafeText.truncate(SafeText.neutralize(text), SlackWeb.MAX_FALLBACK_CHARS))
        .build();
    try {
      var answer = ctx.respond(response);
      if (answer.getCode() != 200) {
        log.warn("Slack refused the reply to {}: HTTP {}", COMMAND, answer.getCode());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not reply to " + COMMAND + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }
}
