package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.Tutor;
import io.lessontutor.answer.Answer;
import io.lessontutor.answer.Question;
import io.lessontutor.cli.ConsoleCommand;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.Lesson;
import io.lessontutor.knowledge.Passage;
import io.lessontutor.knowledge.SyntheticCourse;
import io.lessontutor.search.LucenePassageRetriever;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.SignedSlackRequests;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a course, a thread remembers the lesson it is about: a follow-up that names a topic several
 * lessons cover is answered from the thread's lesson, not from whichever lesson ranks first
 * course-wide, through the real Bolt app and in the console; a follow-up the thread's lesson does
 * not cover is still answered from the lesson that does.
 */
class ThreadLessonIT {

  static final Duration WAIT = Duration.ofSeconds(30);
  /** Every generated lesson lists some of the same limits and key terms: a new topic many lessons cover. */
  static final String FOLLOW_UP = "what does regression mean?";

  @TempDir
  static Path dir;
  static FakeSlackApi api;
  static Tutor tutor;
  static SlackApp slack;
  static SlackHttpServer server;
  /** The lesson that answers the follow-up asked alone, and another lesson that says the same. */
  static Lesson first;
  static Lesson thread;

  @BeforeAll
  static void start() throws Exception {
    Path knowledge = new SyntheticCourse(4).write(SlackTestTutor.KNOWLEDGE, dir.resolve("course"), 12);
    api = new FakeSlackApi();
    tutor = Tutor.start(SlackTestTutor.config(dir, api, Map.of(TutorConfig.KNOWLEDGE_DIR, knowledge.toString())));
    slack = SlackApp.build(tutor, List.of());
    server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Answer alone = tutor.answerer().answer(Question.of(FOLLOW_UP));
    assertThat(alone.kind()).as(alone.text()).isEqualTo(Answer.Kind.ANSWERED);
    first = lessonOf(alone);
    // another lesson that defines the same term: course-wide it ranks below the first
    thread = tutor.library().lessons().stream()
        .filter(l -> !l.id().equals(first.id()))
        .filter(l -> l.passages().stream().anyMatch(p -> p.text().startsWith("Regression:")))
        .findFirst().orElseThrow();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    slack.close();
    tutor.close();
    api.close();
  }

  static Lesson lessonOf(Answer answer) {
    Passage ground = answer.grounds().get(0);
    return tutor.library().lessonOf(ground);
  }

  @Test
  void a_follow_up_in_a_slack_thread_is_answered_from_the_lesson_the_thread_is_about() throws Exception {
    SignedSlackRequests slackSends = new SignedSlackRequests(server.port());
    api.clear();
    assertThat(slackSends.event(SlackPayloads.appMention("EvOpen", "C0GENERAL", "UALICE", "500.000001", null,
        "<@" + FakeSlackApi.BOT_USER_ID + "> " + thread.suggestedQuestions().get(0)))).isEqualTo(200);
    Call opening = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(opening.param("text")).contains("Source: " + thread.title() + " › ");

    assertThat(slackSends.event(SlackPayloads.message("EvFollow", "C0GENERAL", "channel", "UALICE", "500.000005",
        "500.000001", FOLLOW_UP))).isEqualTo(200);
    Call followUp = api.await("chat.postMessage", 2, WAIT).get(1);
    assertThat(followUp.param("thread_ts")).isEqualTo("500.000001");
    assertThat(followUp.param("text")).contains("Regression:").contains("Source: " + thread.title() + " › Key terms")
        .doesNotContain(first.title());
  }

  @Test
  void a_question_in_a_course_thread_costs_one_search_and_one_embedding_the_thread_remembering_its_lesson() throws Exception {
    SignedSlackRequests slackSends = new SignedSlackRequests(server.port());
    api.clear();
    assertThat(slackSends.event(SlackPayloads.appMention("EvOne", "C0GENERAL", "UALICE", "600.000001", null,
        "<@" + FakeSlackApi.BOT_USER_ID + "> " + thread.suggestedQuestions().get(0)))).isEqualTo(200);
    api.await("chat.postMessage", 1, WAIT);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (tutor.threads().conversation("C0GENERAL", "600.000001").map(c -> c.lesson()).isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(tutor.threads().conversation("C0GENERAL", "600.000001").orElseThrow().lesson()).isEqualTo(thread.id());

    LucenePassageRetriever retriever = (LucenePassageRetriever) tutor.retriever();
    long searches = retriever.retrievals();
    long embedded = retriever.embeddings();
    assertThat(slackSends.event(SlackPayloads.message("EvTwo", "C0GENERAL", "channel", "UALICE", "600.000005",
        "600.000001", FOLLOW_UP))).isEqualTo(200);
    Call followUp = api.await("chat.postMessage", 2, WAIT).get(1);
    assertThat(followUp.param("text")).contains("Source: " + thread.title() + " › Key terms");
    assertThat(retriever.retrievals() - searches).as("the question's own search, not its thread's question's again").isEqualTo(1);
    assertThat(retriever.embeddings() - embedded).isEqualTo(1);
  }

  @Test
  void a_follow_up_in_the_console_is_answered_from_the_lesson_of_the_question_before_it() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleCommand.run(tutor, List.of(),
        new BufferedReader(new StringReader(thread.suggestedQuestions().get(0) + "\n" + FOLLOW_UP + "\nquit\n")),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String[] replies = bytes.toString(StandardCharsets.UTF_8).split("tutor › ");
    assertThat(replies).hasSize(3);
    assertThat(replies[2]).contains("Regression:").contains("Source: " + thread.title() + " › Key terms");
  }

  @Test
  void a_follow_up_the_threads_lesson_does_not_cover_is_answered_from_the_lesson_that_does() {
    Answer a = tutor.answerer().answer(new Question("What can't fine-tuning fix?", thread.suggestedQuestions().get(0)));
    assertThat(a.kind()).as(a.text()).isEqualTo(Answer.Kind.ANSWERED);
    assertThat(a.text()).contains("Source: When to Fine-Tune vs When to Just Prompt: A Decision Framework › What AI cannot do");
  }

  @Test
  void a_new_question_without_a_thread_still_ranks_the_course_as_before() {
    Answer a = tutor.answerer().answer(Question.of(FOLLOW_UP));
    assertThat(a.text()).contains("Source: " + first.title() + " › Key terms");
  }
}
