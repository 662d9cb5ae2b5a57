package io.lessontutor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lessontutor.Tutor;
import io.lessontutor.report.GapReport;
import io.lessontutor.report.QuestionGroups;
import io.lessontutor.search.MiniLmEmbeddingModel;
import io.lessontutor.store.GapStore;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code tutor report [--since 7d] [--json]}: what people asked that the lesson does not answer,
 * from the database the Slack tutor writes to.
 */
public final class ReportCommand {

  static final String HELP = """
      Usage: scripts/tutor report [--since 7d] [--json]

      What people asked that the lesson does not answer, from the tutor's database
      (TUTOR_DATABASE_URL, or the SQLite file in TUTOR_DATA_DIR):
        - declined questions grouped by meaning, biggest groups first, with an example
        - answers most often marked not helpful, with their question
        - quiz questions most often missed, with the wrong choice most picked
        - checklist verdicts by count

      Options:
        --since N   count the last N days: 7d, 30d (the default), or a number of hours: 12h
        --json      one JSON document instead of text
      """;

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private ReportCommand() {}

  public static int run(Tutor tutor, List<String> args, PrintStream out) throws Exception {
    boolean json = false;
    Duration since = GapReport.DEFAULT_SPAN;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--json" -> json = true;
        case "--help", "-h" -> {
          out.print(HELP);
          return Cli.OK;
        }
        case "--since" -> {
          if (i + 1 >= args.size()) {
            out.println("report: --since needs a span, such as 7d or 12h");
            return Cli.USAGE;
          }
          since = span(args.get(++i));
        }
        default -> {
          out.println("report: unknown option " + arg + " (see --help)");
          return Cli.USAGE;
        }
      }
    }
    long from = System.currentTimeMillis() - since.toMillis();
    GapReport report = GapReport.build(new GapStore(tutor.database()), tutor.quizBank(),
        new QuestionGroups(new MiniLmEmbeddingModel(), QuestionGroups.DEFAULT_THRESHOLD), from);
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      print(report, out);
    }
    return Cli.OK;
  }

  /** "7d", "30d", "12h", or a bare number of days. */
  static Duration span(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.endsWith("h")) {
        return positive(Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1))), text);
      }
      return positive(Duration.ofDays(Long.parseLong(t.endsWith("d") ? t.substring(0, t.length() - 1) : t)), text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--since must be a number of days or hours, such as 7d or 12h, not '" + text + "'");
    }
  }

  private static Duration positive(Duration d, String text) {
    if (d.isNegative() || d.isZero() || d.toDays() > 36_500) {
      throw new IllegalArgumentException("--since must be from 1h to 36500d, not '" + text + "'");
    }
    return d;
  }

  static void print(GapReport r, PrintStream out) {
    out.println("What people asked since " + DAY.format(Instant.ofEpochMilli(r.since())));
    out.println();
    out.println("Declined questions: " + r.declinedTotal()
        + (r.declined().isEmpty() ? "" : ", in groups of the same meaning (biggest first)"));
    for (GapReport.DeclinedGroup g : r.declined()) {
      out.printf("  %4d  \"%s\"%s%n", g.count(), oneLine(g.example()),
          g.questions().size() > 1 ? "  (and " + (g.questions().size() - 1) + " alike)" : "");
    }
    if (r.declinedWithoutText() > 0) {
      out.printf("  %4d  (text not kept: TUTOR_KEEP_QUESTIONS)%n", r.declinedWithoutText());
    }
    out.println();
    out.println("Answers marked not helpful:" + (r.unhelpful().isEmpty() ? " none" : ""));
    for (GapReport.Unhelpful u : r.unhelpful()) {
      out.printf("  %4d  %s%s%n", u.count(), u.passageId(), u.question().isEmpty() ? "" : "  after \"" + oneLine(u.question()) + "\"");
    }
    out.println();
    out.println("Quiz questions most often missed:" + (r.missed().isEmpty() ? " none" : ""));
    for (GapReport.Missed m : r.missed()) {
      out.printf("  %d of %d wrong  \"%s\"%n        most picked wrong: \"%s\" (%d)%n", m.wrong(), m.answered(),
          oneLine(m.question()), oneLine(m.mostPicked()), m.mostPickedCount());
    }
    out.println();
    out.println("Checklist verdicts:" + (r.verdicts().isEmpty() ? " none" : ""));
    for (GapReport.Verdicts v : r.verdicts()) {
      out.printf("  %4d  %s%n", v.count(), v.verdict());
    }
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= 100 ? line : line.substring(0, 99) + "…";
  }
}
