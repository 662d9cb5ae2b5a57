package io.lessontutor.cli;

import io.lessontutor.Tutor;
import io.lessontutor.knowledge.KnowledgeFileException;
import io.lessontutor.quiz.QuizQuestion;
import io.lessontutor.quiz.QuizService;
import io.lessontutor.quiz.SoloFeedback;
import io.lessontutor.quiz.SoloProgress;
import io.lessontutor.quiz.SoloQuestion;
import io.lessontutor.quiz.SoloSummary;
import io.lessontutor.store.StoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tutor quiz}: the lesson's solo quiz in the terminal. Each question shows numbered
 * choices; an answer gets instant feedback with the explanation and its source; missed questions
 * come back at the end until they are right. Progress is saved as user {@value #USER}, so an
 * unfinished quiz carries on next time.
 */
public final class QuizCommand {

  /** The user the terminal's progress is saved under. */
  public static final String USER = "cli";

  static final String USAGE = """
      Usage: tutor quiz [--progress | --help]

      Takes the lesson's 10-question quiz in the terminal, at your own pace.
      Type the number of your answer and press Enter; type q to stop.
      Questions you miss come back at the end until you get them right.
      Progress is saved: an unfinished quiz picks up where you left it.

        --progress   show your best score and mastered questions, then exit
        --help       show this help
      """;

  private static final Logger log = LoggerFactory.getLogger(QuizCommand.class);

  private QuizCommand() {}

  /**
   * Runs the command.
   *
   * @param interactive true when a person types at a terminal; otherwise the answers read are echoed
   *     so a transcript reads like a session
   * @return the exit code: 0 done or stopped, 1 the quiz could not start, 2 bad arguments
   */
  public static int run(Tutor tutor, List<String> args, BufferedReader in, PrintStream out, boolean interactive) {
    boolean progressOnly = false;
    for (String arg : args) {
      switch (arg) {
        case "--help", "-h" -> {
          out.print(USAGE);
          return 0;
        }
        case "--progress" -> progressOnly = true;
        default -> {
          out.println("Unknown option '" + arg + "'. Try: tutor quiz --help");
          return 2;
        }
      }
    }
    QuizService quiz;
    try {
      quiz = tutor.quiz();
    } catch (KnowledgeFileException e) {
      out.println("The quiz cannot start: its question bank has a problem. " + e.getMessage());
      return 1;
    } catch (StoreException | IllegalArgumentException e) {
      log.error("quiz start-up failed", e);
      out.println("The quiz cannot start: " + e.getMessage());
      return 1;
    }
    try (quiz) {
      if (progressOnly) {
        printProgress(quiz.progress(USER), out);
        return 0;
      }
      return play(quiz, in, out, interactive);
    } catch (StoreException e) {
      log.error("quiz failed", e);
      out.println("Sorry, the quiz could not save your progress: " + e.getMessage());
      return 1;
    }
  }

  private static int play(QuizService quiz, BufferedReader in, PrintStream out, boolean interactive) {
    boolean resuming = quiz.progress(USER).inProgress();
    SoloQuestion q = quiz.startSolo(USER);
    out.println(resuming
        ? "Picking up your unfinished quiz. Type q to stop at any time."
        : "The lesson quiz: " + q.size() + " questions. Type the number of your answer, or q to stop.");
    while (true) {
      out.println();
      out.println(q.retry()
          ? "Another go at a question you missed (" + q.remaining() + " left)"
          : "Question " + q.number() + " of " + q.size());
      out.println(q.question().text());
      List<String> choices = q.question().choices();
      for (int i = 0; i < choices.size(); i++) {
        out.println("  " + (i + 1) + ". " + choices.get(i));
      }
      Integer choice = readChoice(in, out, choices.size(), interactive);
      if (choice == null) {
        out.println();
        out.println("Stopped. Your progress is saved: run 'tutor quiz' again to carry on.");
        return 0;
      }
      SoloFeedback feedback = quiz.answerSolo(USER, q.sessionId(), q.seq(), choice);
      printFeedback(feedback, out);
      if (feedback.finished()) {
        printSummary(feedback.summary(), out);
        return 0;
      }
      q = feedback.next();
    }
  }

  /** The 0-based choice, or null when the person stops (q, or the end of the input). */
  private static Integer readChoice(BufferedReader in, PrintStream out, int count, boolean interactive) {
    while (true) {
      out.print("Your answer (1-" + count + ", q to stop): ");
      out.flush();
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        log.warn("cannot read the answer", e);
        return null;
      }
      if (line == null) {
        return null;
      }
      line = line.strip();
      if (!interactive) {
        out.println(line);
      }
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.equals("q") || lower.equals("quit") || lower.equals("exit")) {
        return null;
      }
      try {
        int number = Integer.parseInt(line);
        if (number >= 1 && number <= count) {
          return number - 1;
        }
      } catch (NumberFormatException e) {
        // not a number: asked again below
      }
      out.println("Please type a number from 1 to " + count + ", or q to stop.");
    }
  }

  private static void printFeedback(SoloFeedback feedback, PrintStream out) {
    QuizQuestion question = feedback.question();
    String right = (question.answer() + 1) + ". " + question.rightChoice();
    out.println(feedback.right() ? "Right! " + right : "Not quite. The answer is " + right);
    out.println("Why: " + question.explanation());
    out.println("Source: " + question.source().citation() + " — \"" + question.passage().text() + "\"");
    if (feedback.comesBack()) {
      out.println("This one will come back at the end.");
    }
  }

  private static void printSummary(SoloSummary summary, PrintStream out) {
    out.println();
    out.println("Quiz done! Score: " + summary.score() + "/" + summary.outOf() + " right at the first try"
        + (summary.newBest() ? " (a new best)." : ". Best so far: " + summary.best() + "/" + summary.outOf() + "."));
    out.println("Mastered: " + summary.mastered() + " of " + summary.bankSize() + " questions in the bank.");
  }

  private static void printProgress(SoloProgress progress, PrintStream out) {
    if (progress.bestScore().isEmpty()) {
      out.println("No quiz finished yet. Run 'tutor quiz' to take one.");
    } else {
      out.println("Best score: " + progress.bestScore().getAsInt() + "/" + progress.outOf()
          + " (" + progress.finished() + " quiz" + (progress.finished() == 1 ? "" : "zes") + " finished).");
    }
    out.println("Mastered: " + progress.mastered().size() + " of " + progress.bankSize() + " questions.");
    if (progress.inProgress()) {
      out.println("A quiz is in progress: run 'tutor quiz' to carry on.");
    }
  }
}
