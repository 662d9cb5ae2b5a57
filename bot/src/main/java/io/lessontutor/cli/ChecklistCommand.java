package io.lessontutor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lessontutor.Tutor;
import io.lessontutor.checklist.AnswerValue;
import io.lessontutor.checklist.Check;
import io.lessontutor.checklist.Answers;
import io.lessontutor.checklist.ChecklistHistory;
import io.lessontutor.checklist.ChecklistService;
import io.lessontutor.checklist.DecisionRules;
import io.lessontutor.checklist.PrefilledCheck;
import io.lessontutor.checklist.Reason;
import io.lessontutor.checklist.VerdictCard;
import io.lessontutor.knowledge.KnowledgeFileException;
import io.lessontutor.store.StoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code scripts/tutor checklist [--json] [--verbose] [DESCRIPTION]}: runs the should-we-fine-tune
 * checklist in the terminal. The description pre-fills what it states; then the command asks, one
 * at a time, only the checks whose answer could still change the verdict, and stops once none can.
 * In a terminal it asks; with standard input piped it reads one answer per line (yes / no / not
 * sure) for the same questions in the same order; with {@code --json} it never asks and prints one
 * JSON object. Every run is stored in the history under {@value ChecklistHistory#CLI}.
 */
public final class ChecklistCommand {

  /** Exit code for a finished run. */
  public static final int OK = 0;
  /** Exit code when the checklist or database could not be used. */
  public static final int FAILED = 1;
  /** Exit code for a bad command line. */
  public static final int USAGE = 2;

  static final String HELP = """
      Usage: scripts/tutor checklist [--json] [--verbose] [DESCRIPTION]

      Runs the lesson's decision checklist: should your team fine-tune, or keep prompting?
      DESCRIPTION is your situation in your own words; it answers what it states, e.g.
        scripts/tutor checklist "we have 80k labeled tickets and latency is our problem"
      You are then asked only what could still change the verdict: answer y (yes), n (no)
      or ? (not sure). Without a terminal, answers are read from standard input, one per line:
        printf 'yes\\nno\\nnot sure\\n' | scripts/tutor checklist "we barely touched the prompt"

        --verbose  list every deciding reason with its lesson line (the card shows three)
        --json   never ask; print one JSON object:
                 {"verdict", "headline", "next_step", "answers": {check: "yes"|"no"|"unknown"},
                  "reasons": [{"check", "answer", "because", "source"}], "assumptions": [text]}
        --help   show this help

      How conflicting answers are settled, first rule first:
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChecklistCommand() {}

  /**
   * Runs the command; returns the exit code. Reads answers from {@code in} only when {@code
   * interactive} and not {@code --json}. Never throws for bad input or a broken knowledge file:
   * prints a message and returns a non-zero code.
   */
  public static int run(Tutor tutor, List<String> args, BufferedReader in, PrintStream out, boolean interactive) {
    boolean json = false;
    boolean verbose = false;
    List<String> words = new ArrayList<>();
    for (String arg : args) {
      switch (arg) {
        case "--json" -> json = true;
        case "--verbose", "-v" -> verbose = true;
        case "--help", "-h", "help" -> {
          printHelp(out);
          return OK;
        }
        default -> {
          if (arg.startsWith("--")) {
            out.println("checklist: unknown option " + arg + " (try --help)");
            return USAGE;
          }
          words.add(arg);
        }
      }
    }
    try {
      ChecklistService service = tutor.checklistService();
      List<PrefilledCheck> questions = service.questions(String.join(" ", words));
      Answers answers = service.prefill(String.join(" ", words));
      if (!json) {
        showPrefilled(questions, out);
        Optional<Answers> given = interactive ? Optional.of(ask(service, answers, in, out)) : readPiped(service, answers, in, out);
        if (given.isEmpty()) {
          return USAGE;
        }
        answers = given.get();
      }
      VerdictCard card = service.run(System.getProperty("user.name", "cli"), ChecklistHistory.CLI, answers);
      if (json) {
        out.println(toJson(card, questions));
      } else {
        printCard(card, out, verbose);
      }
      return OK;
    } catch (KnowledgeFileException e) {
      out.println("checklist: the checklist file is broken: " + e.getMessage());
      return FAILED;
    } catch (StoreException e) {
      out.println("checklist: could not store the run: " + e.getMessage());
      return FAILED;
    }
  }

  private static void printHelp(PrintStream out) {
    out.print(HELP);
    DecisionRules.PRECEDENCE.forEach(line -> out.println("  - " + line));
  }

  private static void showPrefilled(List<PrefilledCheck> questions, PrintStream out) {
    List<PrefilledCheck> stated = questions.stream().filter(q -> !q.open()).toList();
    if (!stated.isEmpty()) {
      out.println("From your description:");
      stated.forEach(q -> out.println("  " + q.check().question() + " " + q.answer().label()));
      out.println();
    }
  }

  /**
   * Asks, one at a time, the first check that could still change the verdict, until none can (a
   * "Not sure" is not asked again) or the input ends.
   */
  private static Answers ask(ChecklistService service, Answers answers, BufferedReader in, PrintStream out) {
    Answers given = answers;
    List<String> asked = new ArrayList<>();
    Optional<Check> next;
    while ((next = nextQuestion(service, given, asked)).isPresent()) {
      Optional<AnswerValue> answer = askOne(next.get(), in, out);
      if (answer.isEmpty()) {
        out.println();
        break;
      }
      asked.add(next.get().id());
      given = given.with(next.get().id(), answer.get());
    }
    return given;
  }

  /**
   * Answers from piped standard input, one per line, to the questions a terminal run would ask, in
   * the same order; each question is printed with the answer read. Empty (after a message) when a
   * line is not an answer, so nothing half-read is stored.
   */
  private static Optional<Answers> readPiped(ChecklistService service, Answers answers, BufferedReader in,
      PrintStream out) {
    Answers given = answers;
    List<String> asked = new ArrayList<>();
    int lineNumber = 0;
    Optional<Check> next;
    while ((next = nextQuestion(service, given, asked)).isPresent()) {
      String line = readLine(in);
      while (line != null && line.isBlank()) {
        lineNumber++;
        line = readLine(in);
      }
      if (line == null) {
        if (asked.isEmpty()) {
          out.println("No answers on standard input: questions are asked in a terminal, or read from standard"
              + " input one per line (yes / no / not sure). Everything still open counts as Not sure.");
        }
        break;
      }
      lineNumber++;
      Optional<AnswerValue> answer = AnswerValue.parse(line);
      if (answer.isEmpty()) {
        out.println("checklist: line " + lineNumber + " of standard input is \"" + line.strip()
            + "\", not yes, no or not sure. Nothing was stored.");
        return Optional.empty();
      }
      out.println(next.get().question() + " " + answer.get().label());
      asked.add(next.get().id());
      given = given.with(next.get().id(), answer.get());
    }
    return Optional.of(given);
  }

  private static Optional<Check> nextQuestion(ChecklistService service, Answers given, List<String> asked) {
    return service.stillMatters(given).stream()
        .filter(id -> !asked.contains(id))
        .findFirst()
        .flatMap(id -> service.checklist().check(id));
  }

  private static String readLine(BufferedReader in) {
    try {
      return in == null ? null : in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asks until the answer is y, n or ?; empty at end of input. */
  private static Optional<AnswerValue> askOne(Check question, BufferedReader in, PrintStream out) {
    while (true) {
      out.print(question.question() + " [y/n/?] ");
      out.flush();
      String line = readLine(in);
      if (line == null) {
        return Optional.empty();
      }
      Optional<AnswerValue> answer = AnswerValue.parse(line);
      if (answer.isPresent()) {
        return answer;
      }
      out.println("  Please answer y (yes), n (no) or ? (not sure).");
    }
  }

  private static void printCard(VerdictCard card, PrintStream out, boolean verbose) {
    out.println();
    out.println(card.headline() + "  [" + card.verdict() + "]");
    if (!card.assumptionLine().isEmpty()) {
      out.println(card.assumptionLine());
    }
    out.println("Next step: " + card.nextStep());
    if (card.reasons().isEmpty()) {
      return;
    }
    out.println();
    out.println(card.needsMoreInfo() ? "Find out:" : "Because:");
    List<Reason> shown = verbose ? card.reasons() : card.topReasons();
    for (Reason reason : shown) {
      out.println("  - " + reason.line());
      if (verbose) {
        out.println("    \"" + reason.quote() + "\" (" + reason.source() + ")");
      }
    }
    if (shown.size() < card.reasons().size()) {
      int more = card.reasons().size() - shown.size();
      out.println("  (" + more + " more: --verbose shows every reason with its lesson line)");
    }
  }

  /** The JSON shape scripts rely on; keys and order are part of the command's contract. */
  static String toJson(VerdictCard card, List<PrefilledCheck> questions) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("verdict", card.verdict());
    object.put("headline", card.headline());
    object.put("next_step", card.nextStep());
    Map<String, String> answers = new LinkedHashMap<>();
    questions.forEach(q -> answers.put(q.check().id(), card.answers().get(q.check().id()).word()));
    object.put("answers", answers);
    List<Map<String, String>> reasons = new ArrayList<>();
    for (Reason reason : card.reasons()) {
      Map<String, String> r = new LinkedHashMap<>();
      r.put("check", reason.check());
      r.put("answer", reason.answer().word());
      r.put("because", reason.because());
      r.put("source", reason.source());
      reasons.add(r);
    }
    object.put("reasons", reasons);
    object.put("assumptions", card.assumptions());
    try {
      return JSON.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
