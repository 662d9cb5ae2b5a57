package io.lessontutor.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.store.TestDatabases.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Slack and checklist repositories on SQLite and on PostgreSQL, also when two instances race. */
class StoresTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lessontutor.store.TestDatabases#kinds")
  void a_delivery_is_taken_on_once_until_it_is_forgotten(Kind kind) {
    try (Database db = Database.open(TestDatabases.url(kind, dir))) {
      DeliveryStore store = new DeliveryStore(db);
      assertThat(store.firstDelivery("Ev1", "C1", "1.000")).isTrue();
      assertThat(store.firstDelivery("Ev1", "C1", "1.000")).isFalse();
      assertThat(store.firstDelivery(null, "C1", "1.000")).as("same message as a message event").isFalse();

      assertThat(store.forgetDeliveriesBefore(System.currentTimeMillis() - 60_000)).isZero();
      assertThat(store.firstDelivery("Ev1", "C1", "1.000")).isFalse();

      assertThat(store.forgetDeliveriesBefore(System.currentTimeMillis() + 1)).isEqualTo(2);
      assertThat(store.firstDelivery("Ev1", "C1", "1.000")).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lessontutor.store.TestDatabases#kinds")
  void the_same_delivery_racing_into_two_instances_is_taken_on_by_exactly_one(Kind kind) throws Exception {
    String url = TestDatabases.url(kind, dir);
    try (Database first = Database.open(url); Database second = Database.open(url)) {
      List<DeliveryStore> instances = List.of(new DeliveryStore(first), new DeliveryStore(second));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        for (int delivery = 0; delivery < 20; delivery++) {
          String event = "Ev" + delivery;
          String ts = delivery + ".000";
          CountDownLatch go = new CountDownLatch(1);
          List<Future<Boolean>> taken = new ArrayList<>();
          for (int copy = 0; copy < 4; copy++) {
            DeliveryStore store = instances.get(copy % 2);
            Callable<Boolean> take = () -> {
              go.await();
              return store.firstDelivery(event, "C1", ts);
            };
            taken.add(pool.submit(take));
          }
          go.countDown();
          int yes = 0;
          for (Future<Boolean> f : taken) {
            yes += f.get() ? 1 : 0;
          }
          assertThat(yes).as("delivery " + event + " taken on").isEqualTo(1);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lessontutor.store.TestDatabases#kinds")
  void a_thread_remembers_the_lesson_its_last_answer_came_from_until_another_answer_says_otherwise(Kind kind) {
    try (Database db = Database.open(TestDatabases.url(kind, dir))) {
      ThreadStore threads = new ThreadStore(db);
      threads.rememberLesson("C1", "1.0", "lesson-a");
      assertThat(threads.conversation("C1", "1.0")).as("nothing is remembered where the tutor never answered").isEmpty();

      threads.rememberQuestion("C1", "1.0", "what is LoRA?");
      assertThat(threads.conversation("C1", "1.0")).contains(new ThreadStore.Conversation("what is LoRA?", null));
      threads.rememberLesson("C1", "1.0", "lesson-a");
      // the next question replaces the last question, not the lesson: until it is answered, the thread's lesson stays
      threads.rememberQuestion("C1", "1.0", "and RAG?");
      assertThat(threads.conversation("C1", "1.0")).contains(new ThreadStore.Conversation("and RAG?", "lesson-a"));
      threads.rememberLesson("C1", "1.0", "lesson-b");
      assertThat(threads.conversation("C1", "1.0")).contains(new ThreadStore.Conversation("and RAG?", "lesson-b"));
      threads.rememberLesson("C1", "1.0", "x".repeat(ThreadStore.MAX_LESSON_CHARS + 1));
      assertThat(threads.conversation("C1", "1.0").orElseThrow().lesson()).isEqualTo("lesson-b");

      threads.rememberQuestion("C1", ThreadStore.NO_THREAD, "in a DM");
      assertThat(threads.conversation("C1", ThreadStore.NO_THREAD).orElseThrow().lesson()).isNull();
      assertThat(threads.lastQuestion("C1", "1.0")).contains("and RAG?");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lessontutor.store.TestDatabases#kinds")
  void a_thread_keeps_its_last_question_and_a_second_vote_replaces_the_first(Kind kind) {
    try (Database db = Database.open(TestDatabases.url(kind, dir))) {
      ThreadStore threads = new ThreadStore(db);
      assertThat(threads.answeredIn("C1", "1.0")).isFalse();
      threads.rememberQuestion("C1", "1.0", "what is LoRA?");
      threads.rememberQuestion("C1", "1.0", "and RAG?");
      threads.rememberQuestion("C1", ThreadStore.NO_THREAD, "in a DM");
      assertThat(threads.lastQuestion("C1", "1.0")).contains("and RAG?");
      assertThat(threads.lastQuestion("C1", ThreadStore.NO_THREAD)).contains("in a DM");
      threads.rememberQuestion("C1", "2.0", "x".repeat(5_000));
      assertThat(threads.lastQuestion("C1", "2.0")).hasValueSatisfying(q -> assertThat(q).hasSize(ThreadStore.MAX_QUESTION_CHARS));

      FeedbackStore feedback = new FeedbackStore(db);
      feedback.vote(new FeedbackStore.Vote("C1", "1.1", "U1", true, "p/1"));
      feedback.vote(new FeedbackStore.Vote("C1", "1.1", "U1", false, null));
      feedback.vote(new FeedbackStore.Vote("C1", "1.1", "U2", true, "p/1"));
      assertThat(feedback.votes("C1", "1.1")).containsExactlyInAnyOrder(
          new FeedbackStore.Vote("C1", "1.1", "U1", false, null),
          new FeedbackStore.Vote("C1", "1.1", "U2", true, "p/1"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lessontutor.store.TestDatabases#kinds")
  void votes_racing_from_two_instances_leave_one_row_per_person(Kind kind) throws Exception {
    String url = TestDatabases.url(kind, dir);
    try (Database first = Database.open(url); Database second = Database.open(url)) {
      List<FeedbackStore> instances = List.of(new FeedbackStore(first), new FeedbackStore(second));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> votes = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        FeedbackStore store = instances.get(i % 2);
        boolean helpful = i % 2 == 0;
        String user = "U" + (i % 4);
        votes.add(pool.submit(() -> {
          go.await();
          store.vote(new FeedbackStore.Vote("C1", "9.9", user, helpful, null));
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : votes) {
        f.get();
      }
      pool.shutdown();
      assertThat(instances.get(0).votes("C1", "9.9")).extracting(FeedbackStore.Vote::userId)
          .containsExactlyInAnyOrder("U0", "U1", "U2", "U3");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lessontutor.store.TestDatabases#kinds")
  void checklist_runs_come_back_newest_first_per_place(Kind kind) {
    try (Database db = Database.open(TestDatabases.url(kind, dir))) {
      ChecklistRunStore runs = new ChecklistRunStore(db);
      runs.insert(new ChecklistRunStore.Row("a", "U1", "C1", "prompt", "{}", 1_000));
      runs.insert(new ChecklistRunStore.Row("b", "U2", "C1", "fine-tune", "{\"x\":\"yes\"}", 2_000));
      runs.insert(new ChecklistRunStore.Row("c", "U2", "C2", "prompt", "{}", 3_000));
      assertThat(runs.recent("C1", 10)).extracting(ChecklistRunStore.Row::id).containsExactly("b", "a");
      assertThat(runs.recent("C1", 1)).extracting(ChecklistRunStore.Row::answers).containsExactly("{\"x\":\"yes\"}");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lessontutor.store.TestDatabases#kinds")
  void a_reachable_database_has_no_problem(Kind kind) {
    try (Database db = Database.open(TestDatabases.url(kind, dir))) {
      assertThat(db.problem()).isEmpty();
    }
  }
}
