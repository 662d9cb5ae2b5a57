package io.lessontutor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lessontutor.Tutor;
import io.lessontutor.checklist.AnswerValue;
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
 * {@code scripts/tutor checklist [--json] [DESCRIPTION]}: runs the should-we-fine-tune checklist
 * in the terminal. The description pre-fills what it states; in a terminal the command asks the
 * rest, with {@code --json} it never asks and prints one JSON object. Every run is stored in the
 * history under {@value ChecklistHistory#CLI}.
 */
public final class ChecklistCommand {

  /** Exit code for a finished run. */
  public static final int OK = 0;
  /** Exit code when the checklist or database could not be used. */
  public static final int FAILED = 1;
  /** Exit code for a bad command line. */
  public static final int USAGE = 2;

  static final String HELP = """
      Usage: scripts/tutor checklist [--json] [DESCRIPTION]

      Runs the lesson's decision checklist: should your team fine-tune, or keep prompting?
      DESCRIPTION is your situation in your own words; it answers what it states, e.g.
        scripts/tutor checklist "we have 80k labeled tickets and latency is our problem"
      In a terminal you are then asked the rest: answer y (yes), n (no) or ? (not sure).

        --json   never ask; print one JSON object:
                 {"verdict", "headline", "next_step", "answers": {check: "yes"|"no"|"unknown"},
                  "reasons": [{"check", "answer", "because", "source"}]}
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
    List<String> words = new ArrayList<>();
    for (String arg : args) {
      switch (arg) {
        case "--json" -> json = true;
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
      if (interactive && !json) {
        answers = ask(questions, answers, in, out);
      }
      VerdictCard card = service.run(System.getProperty("user.name", "cli"), ChecklistHistory.CLI, answers);
      if (json) {
        out.println(toJson(card, questions));
      } else {
        printCard(card, out);
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

  private static Answers ask(List<PrefilledCheck> questions, Answers answers, BufferedReader in, PrintStream out) {
    List<PrefilledCheck> stated = questions.stream().filter(q -> !q.open()).toList();
    if (!stated.isEmpty()) {
      out.println("From your description:");
      stated.forEach(q -> out.println("  " + q.check().question() + " " + q.answer().label()));
      out.println();
    }
    Answers given = answers;
    for (PrefilledCheck question : questions) {
      if (!question.open()) {
        continue;
      }
      Optional<AnswerValue> answer = askOne(question, in, out);
      if (answer.isEmpty()) {
        out.println();
        break;
      }
      given = given.with(question.check().id(), answer.get());
    }
    return given;
  }

  /** Asks until the answer is y, n or ?; empty at end of input. */
  private static Optional<AnswerValue> askOne(PrefilledCheck question, BufferedReader in, PrintStream out) {
    while (true) {
      out.print(question.check().question() + " [y/n/?] ");
      out.flush();
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
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

  private static void printCard(VerdictCard card, PrintStream out) {
    out.println();
    out.println(card.headline() + "  [" + card.verdict() + "]");
    out.println("Next step: " + card.nextStep());
    if (!card.reasons().isEmpty()) {
      out.println();
      out.println(card.needsMoreInfo() ? "Find out:" : "Because:");
      for (Reason reason : card.reasons()) {
        out.println("  - " + reason.question() + " " + reason.answer().label() + ". " + reason.because());
        out.println("    \"" + reason.quote() + "\" (" + reason.source() + ")");
      }
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
    try {
      return JSON.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
