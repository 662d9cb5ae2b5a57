package io.lessontutor;

import io.lessontutor.cli.AskCommand;
import io.lessontutor.cli.ChecklistCommand;
import io.lessontutor.cli.QuizCommand;
import io.lessontutor.cli.ReportCommand;
import io.lessontutor.cli.Cli;
import io.lessontutor.logs.LogSettings;
import io.lessontutor.cli.ConsoleCommand;
import io.lessontutor.cli.HealthCommand;
import io.lessontutor.config.StartupException;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.KnowledgeFileException;
import io.lessontutor.slack.SlackFeatures;
import io.lessontutor.slack.SlackRunner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Parses the command line and hands over to the command; every failure becomes a message and an exit code here. */
public final class Main {

  static final String HELP = """
      Usage: scripts/tutor [COMMAND] [OPTIONS]

      Lesson Tutor answers questions about its lesson, runs the fine-tune-or-prompt checklist and
      quizzes you, in Slack or in the terminal.

      Commands:
        (none)      run the bot: on Slack when SLACK_BOT_TOKEN is set, otherwise the console
        run [--http] run on Slack (Socket Mode, or HTTP on $PORT with --http)
        ask         answer one question, or one per line of standard input (--json for JSON)
        console     chat with the tutor in the terminal
        checklist   should we fine-tune? the lesson's checklist for your situation (--json for scripts)
        report      what people asked that the lesson does not answer (--since 7d, --json)
        quiz        the lesson's 10-question quiz, at your own pace (--progress for your best score)
        health      is the tutor running here ready? exit 0 or 1, for a container's health check

      scripts/tutor --version prints the version, the lessons loaded and the retrieval mode.
      Each command takes --help. Configuration is read from environment variables: see README.md.
      """;

  static final String RUN_HELP = """
      Usage: scripts/tutor run [--http]

      Runs the tutor on Slack. Socket Mode (the default) needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN
      and no public URL. With --http, or when no app token but SLACK_SIGNING_SECRET is set, it
      serves Slack's requests at POST /slack/events on $PORT (default 3000); GET /healthz answers
      200 once ready. See README, "Connect to Slack".
      """;

  private Main() {}

  public static void main(String[] args) {
    TutorConfig settings = TutorConfig.fromEnvironment();
    try {
      LogSettings.apply(settings); // before the first log line, which configures Logback
    } catch (IllegalArgumentException e) {
      System.err.println("tutor: " + e.getMessage());
      System.exit(Cli.USAGE);
    }
    // A thread that runs out of memory (an answer, the quiz timer) says what to raise, then the
    // process stops: after an OutOfMemoryError nothing is certain.
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      if (e instanceof OutOfMemoryError) {
        System.err.println("tutor: " + OUT_OF_MEMORY);
        Runtime.getRuntime().halt(Cli.FAILED);
      }
      System.err.println("tutor: thread " + thread.getName() + " failed: " + e);
      e.printStackTrace();
    });
    System.exit(run(Arrays.asList(args), TutorConfig.fromEnvironment(), System.out, System.err));
  }

  static int run(List<String> args, TutorConfig config, PrintStream out, PrintStream err) {
    String command = args.isEmpty() ? "" : args.get(0);
    List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
    if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
      out.print(HELP);
      return Cli.OK;
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try {
      if (command.equals("--version") || command.equals("version")) {
        return version(config, out);
      }
      if (rest.contains("--help") || rest.contains("-h")) {
        return help(command, out);
      }
      return switch (command) {
        case "ask" -> AskCommand.run(Tutor.start(config), rest, in, out);
        case "console" -> ConsoleCommand.run(Tutor.start(config), rest, in, out);
        case "checklist" -> ChecklistCommand.run(Tutor.start(config), rest, in, out, interactive());
        case "quiz" -> QuizCommand.run(Tutor.start(config), rest, in, out, interactive());
        case "report" -> ReportCommand.run(Tutor.start(config), rest, out);
        case "" -> runBot(config, in, out);
        case "run" -> runSlack(config, rest);
        case "health" -> HealthCommand.run(config, rest, out);
        default -> {
          err.println("tutor: unknown command '" + command + "'. Try: scripts/tutor --help");
          yield Cli.USAGE;
        }
      };
    } catch (KnowledgeFileException e) {
      err.println("tutor: a knowledge file is malformed: " + e.getMessage());
      return Cli.FAILED;
    } catch (IllegalArgumentException e) {
      err.println("tutor: " + describe(e));
      return Cli.USAGE;
    } catch (StartupException e) {
      err.println("tutor: " + e.getMessage());
      return Cli.FAILED;
    } catch (OutOfMemoryError e) {
      err.println("tutor: " + OUT_OF_MEMORY);
      return Cli.FAILED;
    } catch (Exception e) {
      err.println("tutor: " + describe(e));
      return Cli.FAILED;
    }
  }

  /** The build's version (written into the classes by the build), the lessons the knowledge folder holds, the retrieval mode. */
  static int version(TutorConfig config, PrintStream out) {
    String version = buildVersion();
    out.println("Lesson Tutor " + (version == null ? "(a development build, not from Maven)" : version));
    io.lessontutor.knowledge.LessonLibrary library = io.lessontutor.knowledge.LessonLibrary.load(config.knowledgeDir());
    out.println("Lessons loaded: " + library.lessons().size() + " (" + library.passages().size() + " passages) from "
        + config.knowledgeDir());
    library.lessons().forEach(l -> out.println("  " + l.number() + ". " + l.title()));
    out.println("Retrieval: " + config.retrieval() + ("hybrid".equals(config.retrieval())
        ? " (BM25 fused with MiniLM embeddings)" : " (BM25 only)"));
    return Cli.OK;
  }

  /**
   * The project's version from {@code version.properties}, which the build filters; read from the
   * classes rather than the jar's manifest, so the container image (classes, no jar) knows it too.
   * Null when the file is missing or unfiltered.
   */
  static String buildVersion() {
    try (java.io.InputStream in = Main.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return null;
      }
      java.util.Properties properties = new java.util.Properties();
      properties.load(in);
      String version = properties.getProperty("version");
      return version == null || version.startsWith("${") ? null : version;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** What to do when the heap is too small; {@code scripts/tutor} passes TUTOR_JAVA_OPTS to java. */
  static final String OUT_OF_MEMORY = "not enough memory (Java heap space): give the tutor more with TUTOR_JAVA_OPTS,"
      + " for example TUTOR_JAVA_OPTS=-Xmx512m (scripts/tutor's default is -Xmx256m).";

  /** An unexpected failure in one line: its message, or its kind when it has none. */
  static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() + " (no details; please report it)"
        : message.lines().findFirst().orElse(message);
  }

  private static int help(String command, PrintStream out) throws Exception {
    return switch (command) {
      case "ask" -> AskCommand.run(null, List.of("--help"), null, out);
      case "console" -> ConsoleCommand.run(null, List.of("--help"), null, out);
      case "checklist" -> ChecklistCommand.run(null, List.of("--help"), null, out, false);
      case "quiz" -> QuizCommand.run(null, List.of("--help"), null, out, false);
      case "report" -> ReportCommand.run(null, List.of("--help"), out);
      case "health" -> HealthCommand.run(null, List.of("--help"), out);
      case "run" -> {
        out.print(RUN_HELP);
        yield Cli.OK;
      }
      default -> {
        out.print(HELP);
        yield Cli.OK;
      }
    };
  }

  private static int runSlack(TutorConfig config, List<String> args) throws Exception {
    for (String arg : args) {
      if (!arg.equals("--http")) {
        throw new IllegalArgumentException("run takes only --http, not '" + arg + "'");
      }
    }
    // Slack connects at once: while the index is built, questions get "still reading, back in about N s"
    Tutor tutor = Tutor.startReading(config);
    SlackRunner.run(tutor, args.contains("--http"), SlackFeatures.all(tutor));
    return Cli.OK;
  }

  /** True when a person sits at a terminal, so commands may ask questions. */
  private static boolean interactive() {
    return System.console() != null;
  }

  private static int runBot(TutorConfig config, BufferedReader in, PrintStream out) throws Exception {
    if (config.slackConfigured()) {
      return runSlack(config, List.of());
    }
    out.println("No Slack tokens set: starting the console. To run on Slack, set SLACK_BOT_TOKEN and SLACK_APP_TOKEN"
        + " (see README, \"Connect to Slack\").");
    return ConsoleCommand.run(Tutor.start(config), List.of(), in, out);
  }
}
