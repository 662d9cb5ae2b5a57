package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.Tutor;
import io.lessontutor.answer.Answer;
import io.lessontutor.answer.Question;
import io.lessontutor.cli.ConsoleCommand;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.SyntheticCourse;
import io.lessontutor.quiz.QuizBank;
import io.lessontutor.slack.agent.AgentMessages;
import io.lessontutor.slack.events.AssistantPanel;
import io.lessontutor.slack.home.AppHome;
import io.lessontutor.slack.quiz.QuizMessages;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No title, scope or suggested question is written in code: rename the lesson and every surface follows. */
class LessonTitlesTest {

  private static final Path KNOWLEDGE = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge"));
  private static final String OLD_TITLE = "When to Fine-Tune vs When to Just Prompt";
  private static final String NEW_TITLE = "Prompt Before You Train: Choosing How to Adapt a Model";
  private static final String NEW_SCOPE = "choosing between prompting, RAG and training a model";
  private static final String NEW_QUESTION = "Is training worth it for us?";

  @Test
  void a_renamed_lesson_is_named_by_its_new_title_on_every_surface(@TempDir Path dir) throws Exception {
    Path knowledge = new SyntheticCourse(1).write(KNOWLEDGE, dir.resolve("knowledge"), 0);
    Path file;
    try (var files = Files.list(knowledge.resolve("lessons"))) {
      file = files.findFirst().orElseThrow();
    }
    String text = Files.readString(file)
        .replace("title: \"When to Fine-Tune vs When to Just Prompt: A Decision Framework\"", "title: \"" + NEW_TITLE + "\"")
        .replaceFirst("scope: \"[^\"]*\"", "scope: \"" + NEW_SCOPE + "\"")
        .replace("  - \"Should we fine-tune or just prompt?\"\n", "  - \"" + NEW_QUESTION + "\"\n");
    Files.writeString(file, text);
    TutorConfig config = new TutorConfig(Map.of(TutorConfig.KNOWLEDGE_DIR, knowledge.toString(),
        TutorConfig.DATA_DIR, dir.resolve("data").toString(), TutorConfig.RETRIEVAL, "bm25"));
    try (Tutor tutor = Tutor.start(config)) {
      LessonLibrary library = tutor.library();
      String about = Answering.about(library);
      List<String> surfaces = List.of(
          AssistantPanel.greeting(about),
          AgentMessages.greeting(about),
          AppHome.view("U1", about, Answering.exampleQuestions(library), List.of()).toString(),
          QuizMessages.help(tutor.quizBank().lessonTitles()),
          console(tutor),
          tutor.answerer().answer(Question.of("hi")).text(),
          tutor.answerer().answer(Question.of("help")).text());
      for (String surface : surfaces) {
        assertThat(surface).contains(NEW_TITLE).doesNotContain(OLD_TITLE);
      }
      Answer declined = tutor.answerer().answer(Question.of("any good ramen places near the office?"));
      assertThat(declined.refused()).isTrue();
      assertThat(declined.text()).contains(NEW_SCOPE).contains(NEW_QUESTION);
      assertThat(Answering.exampleQuestions(library)).contains(NEW_QUESTION);
      Answer answered = tutor.answerer().answer(Question.of("when does fine-tuning make sense?"));
      assertThat(answered.text()).contains("Source: " + NEW_TITLE + " › ");
    }
  }

  private static String console(Tutor tutor) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleCommand.run(tutor, List.of(), new BufferedReader(new StringReader("quit\n")),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
