package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.lessontutor.Tutor;
import io.lessontutor.answer.WhileReading;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.Lesson;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.SyntheticCourse;
import io.lessontutor.search.MiniLmEmbeddingModel;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.SignedSlackRequests;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the first index build runs, the real Bolt app answers a question with "I'm still reading
 * the course, back in about N s" (N from the build's progress), and with the lesson once it is read.
 */
class SlackStillReadingIT {

  static final Duration WAIT = Duration.ofSeconds(30);

  /** The real model, held before it embeds the second lesson until the test lets it go on. */
  static final class HeldModel implements EmbeddingModel {
    final EmbeddingModel model = new MiniLmEmbeddingModel();
    final String secondLessonText;
    final CountDownLatch reached = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    HeldModel(String secondLessonText) {
      this.secondLessonText = secondLessonText;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
      if (segments.stream().anyMatch(s -> s.text().contains(secondLessonText))) {
        reached.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return model.embedAll(segments);
    }
  }

  @TempDir Path dir;

  @Test
  void a_question_during_the_first_build_gets_still_reading_with_the_time_left_then_the_lesson_answers() throws Exception {
    Path knowledge = new SyntheticCourse(3).write(SlackTestTutor.KNOWLEDGE, dir.resolve("course"), 3);
    List<Lesson> lessons = LessonLibrary.load(knowledge).lessons();
    HeldModel model = new HeldModel(lessons.get(1).passages().get(0).text());
    try (FakeSlackApi api = new FakeSlackApi()) {
      TutorConfig config = SlackTestTutor.config(dir, api, Map.of(TutorConfig.KNOWLEDGE_DIR, knowledge.toString()));
      Tutor tutor = Tutor.startReading(config, model);
      SlackApp slack = SlackApp.build(tutor, List.of());
      SlackHttpServer server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try {
        SignedSlackRequests slackSends = new SignedSlackRequests(server.port());
        assertThat(model.reached.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the build reached the second lesson").isTrue();

        assertThat(slackSends.event(SlackPayloads.appMention("EvEarly", "C0GENERAL", "UALICE", "800.000001", null,
            "<@" + FakeSlackApi.BOT_USER_ID + "> what can't fine-tuning fix?"))).isEqualTo(200);
        Call early = api.await("chat.postMessage", 1, WAIT).get(0);
        assertThat(early.param("thread_ts")).isEqualTo("800.000001");
        // one of four lessons is done: the time left comes from the rate so far
        assertThat(early.param("text")).matches("I.m still reading the course, back in about \\d+ s\\. Ask me again then\\.");

        model.release.countDown();
        WhileReading reading = (WhileReading) tutor.answerer();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!reading.isReady() && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(reading.isReady()).as("the index was built").isTrue();

        api.clear();
        assertThat(slackSends.event(SlackPayloads.appMention("EvLater", "C0GENERAL", "UALICE", "801.000001", null,
            "<@" + FakeSlackApi.BOT_USER_ID + "> what can't fine-tuning fix?"))).isEqualTo(200);
        Call later = api.await("chat.postMessage", 1, WAIT).get(0);
        assertThat(later.param("text")).doesNotContain("still reading")
            .contains("When to Fine-Tune vs When to Just Prompt: A Decision Framework › What AI cannot do");
      } finally {
        model.release.countDown();
        server.close();
        slack.close();
        tutor.close();
      }
    }
  }
}
