package io.lessontutor.slack.checklist;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import io.lessontutor.checklist.Checklist;
import io.lessontutor.checklist.ChecklistRun;
import io.lessontutor.checklist.Verdict;
import io.lessontutor.slack.SafeText;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The command's private replies: help, a channel's history, and what to say when something is off. */
final class ChecklistReplies {

  static final String COMMAND = "/should-we-finetune";

  static final String NOT_IN_CHANNEL_NOTE =
      "I couldn't post in that conversation, so here is your checklist verdict.";
  static final String STALE_MODAL =
      "Sorry, I lost track of where that checklist came from, so here is the verdict in our direct messages.";
  static final String CANNOT_OPEN =
      "Sorry, I couldn't open the checklist: Slack said `%s`. Please run `" + COMMAND + "` again.";
  static final String BROKEN_BUTTON =
      "Sorry, that button is from an older card I can no longer read. Run `" + COMMAND + "` to start afresh.";

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private ChecklistReplies() {}

  /** What the command does, with the precedence between conflicting answers in plain words. */
  static String help(List<String> precedence) {
    StringBuilder text = new StringBuilder()
        .append("*").append(COMMAND).append("* walks your team through the lesson's decision checklist:")
        .append(" prompt first, RAG second, fine-tune only when the case for it is there.\n")
        .append("• `").append(COMMAND).append("` opens the checklist: one question per check, Yes / No / Not sure.\n")
        .append("• `").append(COMMAND).append(" we have 80k labeled tickets and latency is our problem`")
        .append(" opens it with what you wrote already filled in, negations too (\"we haven't tried RAG yet\").\n")
        .append("• `").append(COMMAND).append(" history` lists this channel's last runs.\n")
        .append("• `").append(COMMAND).append(" help` shows this.\n")
        .append("The verdict is posted here, naming who ran it; tick *Just for me* to see it alone.")
        .append(" Its *Run it again* button reopens the checklist with the same answers.\n\n")
        .append("*When answers conflict, the first of these that holds decides:*\n");
    for (int i = 0; i < precedence.size(); i++) {
      text.append(i + 1).append(". ").append(precedence.get(i)).append('\n');
    }
    return SafeText.neutralize(text.toString().strip());
  }

  /** A channel's last runs, newest first: who, when, and the verdict's headline. */
  static List<LayoutBlock> history(Checklist checklist, List<ChecklistRun> runs) {
    List<LayoutBlock> blocks = new ArrayList<>();
    if (runs.isEmpty()) {
      blocks.add(section(s -> s.text(markdownText("Nobody has run `" + COMMAND + "` here yet."
          + " Try `" + COMMAND + "` to run the checklist, or `" + COMMAND + " help` to see how it works."))));
      return blocks;
    }
    String title = runs.size() == 1 ? "*The last checklist run here:*"
        : "*The last " + runs.size() + " checklist runs here, newest first:*";
    blocks.add(section(s -> s.text(markdownText(title))));
    for (ChecklistRun run : runs) {
      String headline = checklist.verdict(run.verdict()).map(Verdict::headline).orElse(run.verdict());
      long epoch = run.at().getEpochSecond();
      // Slack shows the date in each reader's own time zone; the text after '|' is the fallback.
      String when = "<!date^" + epoch + "^{date_short_pretty} {time}|" + WHEN.format(run.at()) + ">";
      String line = when + " · " + VerdictMessage.mention(run.who()) + " · " + SafeText.neutralize(headline);
      blocks.add(section(s -> s.text(markdownText(line))));
    }
    blocks.add(context(List.of(markdownText("Run `" + COMMAND + "` to add today's answer."))));
    return blocks;
  }

  /** The plain-text fallback of the history. */
  static String historyFallback(List<ChecklistRun> runs) {
    return runs.isEmpty() ? "Nobody has run " + COMMAND + " here yet." : "The last checklist runs here.";
  }
}
