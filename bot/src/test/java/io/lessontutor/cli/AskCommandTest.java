package io.lessontutor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lessontutor.TestTutor;
import io.lessontutor.Tutor;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AskCommandTest {

  private final Tutor tutor = TestTutor.get();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private static final String LOG = "we pasted the whole incident log here, line after line, latency and prompts and fine-tune jobs. ";
  private static final String CHATTER = "the ramen place on the corner was closed again, so we walked to the station. ";

  private static String longQuestion(String start) {
    return longQuestion(start, LOG);
  }

  private static String longQuestion(String start, String filler) {
    StringBuilder b = new StringBuilder(start);
    while (b.length() < 40_000) {
      b.append(filler);
    }
    return b.substring(0, 40_000).replace('\n', ' ');
  }

  @Test
  void ask_json_keeps_every_field_and_adds_the_reason() throws Exception {
    int code = AskCommand.run(tutor, List.of("--json"), new BufferedReader(new StringReader(
        "When does fine-tuning make sense?\nwhat's the best learning rate for LoRA?\n")), out);

    assertThat(code).isEqualTo(Cli.OK);
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    JsonNode answered = json.readTree(lines.get(0));
    JsonNode declined = json.readTree(lines.get(1));
    for (JsonNode n : List.of(answered, declined)) {
      assertThat(n.fieldNames()).toIterable().contains("question", "answer", "refused", "sources", "millis", "answerer", "reason");
    }
    assertThat(answered.get("refused").asBoolean()).isFalse();
    assertThat(answered.get("reason").asText()).startsWith("the lesson covers it");
    assertThat(declined.get("refused").asBoolean()).isTrue();
    assertThat(declined.get("reason").asText()).isNotBlank();
  }

  @Test
  void a_batch_with_forty_thousand_character_questions_answers_every_line() throws Exception {
    String input = longQuestion("should we fine-tune first? ") + "\n" + longQuestion("lol ", CHATTER) + "\nWhat is LoRA?\n";

    int code = AskCommand.run(tutor, List.of("--json"), new BufferedReader(new StringReader(input)), out);

    assertThat(code).isEqualTo(Cli.OK);
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(3);
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(lines.get(0)).get("refused").asBoolean()).isFalse();
    assertThat(json.readTree(lines.get(0)).get("sources")).isNotEmpty();
    assertThat(json.readTree(lines.get(0)).get("question").asText()).hasSize(40_000);
    assertThat(json.readTree(lines.get(1)).get("refused").asBoolean()).isTrue();
    assertThat(json.readTree(lines.get(2)).get("answer").asText()).contains("LoRA");
  }

  @Test
  void the_console_reads_a_follow_up_with_the_question_before_and_never_rescues_an_off_topic_one() throws Exception {
    String input = String.join("\n", longQuestion("hi there, ", CHATTER), "what comes first in the framework?", "and after that?",
        "any good ramen places near the office?", "quit") + "\n";

    int code = ConsoleCommand.run(tutor, List.of(), new BufferedReader(new StringReader(input)), out);

    assertThat(code).isEqualTo(Cli.OK);
    String[] replies = bytes.toString(StandardCharsets.UTF_8).split("tutor › ");
    assertThat(replies).hasSize(5);
    assertThat(replies[2]).contains("Try prompt engineering first");
    assertThat(replies[3]).contains("Try RAG second");
    assertThat(replies[4]).startsWith("Sorry, I can't find that in the lesson");
  }
}
