package io.lessontutor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lessontutor.Tutor;
import io.lessontutor.answer.Answer;
import io.lessontutor.answer.Question;
import io.lessontutor.answer.Source;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tutor ask [--json] [QUESTION]}: answers one question, or with no question one per line
 * of standard input, in the same process.
 */
public final class AskCommand {

  static final String HELP = """
      Usage: scripts/tutor ask [--json] [QUESTION]

      Answers QUESTION from the lesson. With no QUESTION, reads one question per line from
      standard input and answers each in turn.

        --json   one line of JSON per answer: {"question", "answer", "refused", "sources", "millis", "answerer", "reason"}
        --help   this text
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private AskCommand() {}

  public static int run(Tutor tutor, List<String> args, BufferedReader in, PrintStream out) throws IOException {
    boolean json = false;
    List<String> words = new ArrayList<>();
    for (String arg : args) {
      switch (arg) {
        case "--json" -> json = true;
        case "--help", "-h" -> {
          out.print(HELP);
          return Cli.OK;
        }
        default -> {
          if (arg.startsWith("--")) {
            out.println("ask: unknown option " + arg + " (see --help)");
            return Cli.USAGE;
          }
          words.add(arg);
        }
      }
    }
    if (!words.isEmpty()) {
      print(tutor.answerer().answer(Question.of(String.join(" ", words))), json, out);
      return Cli.OK;
    }
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (!line.isBlank()) {
        print(tutor.answerer().answer(Question.of(line)), json, out);
      }
    }
    return Cli.OK;
  }

  static void print(Answer answer, boolean json, PrintStream out) throws IOException {
    if (!json) {
      out.println(answer.text());
      out.println();
      out.flush();
      return;
    }
    out.println(JSON.writeValueAsString(toJson(answer)));
    out.flush();
  }

  /** The answer as the JSON object that {@code ask --json} prints. */
  public static ObjectNode toJson(Answer answer) {
    ObjectNode node = JSON.createObjectNode();
    node.put("question", answer.question());
    node.put("answer", answer.text());
    node.put("refused", answer.refused());
    ArrayNode sources = node.putArray("sources");
    for (Source s : answer.sources()) {
      sources.addObject()
          .put("lesson", s.lesson())
          .put("section", s.section())
          .put("passage", s.passage())
          .put("text", s.text());
    }
    node.put("millis", answer.millis());
    node.put("answerer", answer.answerer());
    if (answer.fallbackReason() != null) {
      node.put("fallback_reason", answer.fallbackReason());
    }
    // why it was answered or declined: "it asks about qlora, which the lesson never mentions"
    node.put("reason", answer.reason());
    return node;
  }
}
