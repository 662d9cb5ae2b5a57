package io.lessontutor.cli;

import io.lessontutor.Tutor;
import io.lessontutor.answer.Answer;
import io.lessontutor.answer.Question;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** {@code tutor console}: an interactive chat in the terminal, with the same answers as Slack. */
public final class ConsoleCommand {

  static final String HELP = """
      Usage: scripts/tutor console

      Chat with the tutor in the terminal. Type a question and press Enter; a short follow-up
      ("what about LoRA?") is read with your previous question. Type "quit" or press Ctrl-D to leave.
      """;

  private ConsoleCommand() {}

  public static int run(Tutor tutor, List<String> args, BufferedReader in, PrintStream out) throws IOException {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(HELP);
      return Cli.OK;
    }
    var library = tutor.library();
    out.println("Lesson Tutor · " + (library.single() ? library.lessons().get(0).title() : library.name()));
    out.println("Ask anything about " + (library.single() ? "the lesson" : "the course's lessons")
        + ". I answer using just what " + (library.single() ? "it says" : "they say") + ". (\"quit\" to leave)");
    String previous = null;
    String lesson = null;
    while (true) {
      out.print("\nyou › ");
      out.flush();
      String line = in.readLine();
      if (line == null || line.strip().equalsIgnoreCase("quit") || line.strip().equalsIgnoreCase("exit")) {
        out.println();
        return Cli.OK;
      }
      if (line.isBlank()) {
        continue;
      }
      Answer answer = tutor.answerer().answer(new Question(line, previous, lesson));
      out.println("tutor › " + answer.text().replace("\n", "\n        "));
      if (answer.kind() == Answer.Kind.ANSWERED) {
        previous = line;
        // in a course, the next question is ranked with this answer's lesson in focus, found without a search
        lesson = answer.grounds().isEmpty() ? lesson : answer.grounds().get(0).lessonId();
      }
    }
  }
}
