package io.lessontutor.slack.report;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static io.lessontutor.slack.PayloadFields.need;

import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.report.GapCsv;
import io.lessontutor.report.GapReport;
import io.lessontutor.report.GapReports;
import io.lessontutor.slack.SafeText;
import io.lessontutor.slack.SlackCallException;
import io.lessontutor.slack.SlackContext;
import io.lessontutor.slack.SlackFeature;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gap report, shortened, on the App Home of the people in {@link TutorConfig#ADMINS}: the
 * biggest groups of declined questions, the answers most often marked 👎, the quiz questions most
 * often missed, checklist verdicts, and a <i>Download CSV</i> button that sends every declined
 * group to the admin's direct message as a file. Everyone else sees none of it, and a tap on the
 * button by anyone else does nothing.
 */
public final class AdminReport implements SlackFeature {

  private static final Logger log = LoggerFactory.getLogger(AdminReport.class);

  public static final String DOWNLOAD_CSV = "tutor_report_csv";
  /** How many of each list App Home shows; the CSV and {@code scripts/tutor report} have more. */
  static final int HOME_GROUPS = 5;
  static final int HOME_OTHERS = 3;
  static final int ITEM_CHARS = 90;
  /** Slack's limit on a section's text is 3,000 characters. */
  static final int SECTION_CHARS = 2_900;

  private final Set<String> admins;
  private final GapReports reports;
  private SlackContext context;

  public AdminReport(List<String> admins, GapReports reports) {
    this.admins = Set.copyOf(admins);
    this.reports = reports;
  }

  @Override
  public void install(App app, SlackContext context) {
    this.context = context;
    app.blockAction(DOWNLOAD_CSV, (req, ctx) -> {
      String user = need(need(req.getPayload().getUser(), "user").getId(), "user.id");
      if (!admins.contains(user)) {
        log.info("A report download from someone not in {} was ignored", TutorConfig.ADMINS);
        return ctx.ack();
      }
      context.later("sending the report's CSV", null, () -> sendCsv(user));
      return ctx.ack();
    });
  }

  @Override
  public List<LayoutBlock> homeBlocks(String userId) {
    if (!admins.contains(userId)) {
      return List.of();
    }
    GapReport report = reports.recent(HOME_GROUPS);
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.text(plainText("What people asked: the last "
        + GapReport.DEFAULT_SPAN.toDays() + " days"))));
    blocks.add(context(c -> c.elements(List.of(markdownText("Only you and the other people in `"
        + TutorConfig.ADMINS + "` see this. `scripts/tutor report` prints all of it.")))));

    List<String> declined = new ArrayList<>();
    for (GapReport.DeclinedGroup g : report.declined()) {
      declined.add("• *" + g.count() + "×* “" + item(g.example()) + "”"
          + (g.questions().size() > 1 ? " _(and " + (g.questions().size() - 1) + " alike)_" : ""));
    }
    if (report.declinedWithoutText() > 0) {
      declined.add("• *" + report.declinedWithoutText() + "×* _text not kept (" + TutorConfig.KEEP_QUESTIONS + ")_");
    }
    blocks.add(section("*Declined:* " + report.declinedTotal() + " question" + (report.declinedTotal() == 1 ? "" : "s")
        + (report.declined().isEmpty() ? "" : ", biggest groups of the same meaning first"), declined));

    blocks.add(section("*Marked 👎:*" + (report.unhelpful().isEmpty() ? " none" : ""),
        report.unhelpful().stream().limit(HOME_OTHERS).map(u -> "• *" + u.count() + "×* " + item(u.passageId())
            + (u.question().isEmpty() ? "" : ", after “" + item(u.question()) + "”")).toList()));

    blocks.add(section("*Most missed in the quiz:*" + (report.missed().isEmpty() ? " none" : ""),
        report.missed().stream().limit(HOME_OTHERS).map(m -> "• " + m.wrong() + " of " + m.answered() + " wrong: “"
            + item(m.question()) + "”, most picked “" + item(m.mostPicked()) + "”").toList()));

    blocks.add(section("*Checklist verdicts:* " + (report.verdicts().isEmpty() ? "none"
        : report.verdicts().stream().map(v -> item(v.verdict()) + " " + v.count()).collect(Collectors.joining(" · "))),
        List.of()));

    if (!report.declined().isEmpty()) {
      blocks.add(actions(List.of(button(b -> b.actionId(DOWNLOAD_CSV).text(plainText("Download CSV"))
          .value("declined")))));
    }
    return blocks;
  }

  private void sendCsv(String user) {
    GapReport report = reports.recent(Integer.MAX_VALUE);
    String dm = context.web().openDirectMessage(user);
    if (report.declined().isEmpty()) {
      context.web().postText(dm, null, "No declined question kept in the last " + GapReport.DEFAULT_SPAN.toDays()
          + " days, so there is no CSV to send.");
      return;
    }
    int questions = report.declined().stream().mapToInt(g -> g.questions().size()).sum();
    String day = LocalDate.now(ZoneOffset.UTC).toString();
    try {
      context.web().uploadFile(dm, "declined-questions-" + day + ".csv", "Declined questions, grouped by meaning",
          GapCsv.declined(report).getBytes(StandardCharsets.UTF_8),
          "The questions I declined in the last " + GapReport.DEFAULT_SPAN.toDays() + " days: " + questions
              + " in " + report.declined().size() + " groups of the same meaning, one row a question.");
    } catch (SlackCallException e) {
      // the admin tapped a button and would otherwise see nothing; the code says what to fix (missing_scope: files:write)
      context.web().postText(dm, null, String.format(SlackContext.SLACK_APOLOGY, e.error()));
      throw e;
    }
  }

  private static LayoutBlock section(String title, List<String> lines) {
    String text = lines.isEmpty() ? title : title + "\n" + String.join("\n", lines);
    return com.slack.api.model.block.Blocks.section(s -> s.text(markdownText(SafeText.truncate(text, SECTION_CHARS))));
  }

  /** Text people wrote, on one line, shortened, and unable to ping anyone or break the mrkdwn. */
  private static String item(String text) {
    return SafeText.neutralize(SafeText.truncate(text.replaceAll("\\s+", " ").strip(), ITEM_CHARS));
  }
}
