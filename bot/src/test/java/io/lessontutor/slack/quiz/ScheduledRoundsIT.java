package io.lessontutor.slack.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lessontutor.Tutor;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.quiz.QuizService;
import io.lessontutor.quiz.QuizSettings;
import io.lessontutor.quiz.RoundListener;
import io.lessontutor.quiz.ScheduledRounds;
import io.lessontutor.slack.SlackApp;
import io.lessontutor.slack.SlackFeature;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.EchoingAnswerer;
import io.lessontutor.slack.testing.FakeResponseUrls;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.SignedSlackRequests;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackTestTutor;
import io.lessontutor.store.ScheduleStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled rounds end to end on a test clock: two Slack app instances on one database, behind
 * one fake Slack, both polling the schedule. The reminder, the round and the season's standings
 * each happen once; a restarted instance finds the schedule where it was.
 */
class ScheduledRoundsIT {

  static final Duration WAIT = Duration.ofSeconds(15);
  static final Duration QUIET = Duration.ofMillis(2_500); // more than two polls of every instance
  static final Duration QUESTION_TIME = Duration.ofSeconds(20);
  static final String CHANNEL = "C0QUIZ";
  static final String ALICE = "UALICE";
  /** Monday 30 November 2026, 09:00 UTC. */
  static final Instant START = Instant.parse("2026-11-30T09:00:00Z");

  /** A clock the test moves by hand, shared by both instances. */
  static final class TestClock extends Clock {
    final AtomicLong millis = new AtomicLong(START.toEpochMilli());

    void set(Instant at) {
      millis.set(at.toEpochMilli());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  @TempDir Path dataDir;
  final TestClock clock = new TestClock();
  final List<Tutor> tutors = new ArrayList<>();
  final List<SlackApp> apps = new ArrayList<>();
  final List<SlackHttpServer> servers = new ArrayList<>();
  final List<SignedSlackRequests> sends = new ArrayList<>();
  FakeSlackApi api;
  FakeResponseUrls responses;

  @BeforeEach
  void start() throws Exception {
    api = new FakeSlackApi();
    responses = new FakeResponseUrls();
    instance();
    instance();
  }

  @AfterEach
  void stop() {
    servers.forEach(SlackHttpServer::close);
    apps.forEach(SlackApp::close);
    tutors.forEach(Tutor::close);
    responses.close();
    api.close();
  }

  void instance() throws Exception {
    Tutor tutor = SlackTestTutor.create(SlackTestTutor.config(dataDir, api,
            Map.of(TutorConfig.DATABASE_URL, "jdbc:sqlite:" + dataDir.resolve("shared.db"))),
        SlackTestTutor.library(), new EchoingAnswerer(SlackTestTutor.library()));
    QuizService quiz = new QuizService(tutor.quizBank(), tutor.database(), RoundListener.NONE,
        new QuizSettings(QUESTION_TIME, Duration.ZERO, 1), clock);
    ScheduledRounds scheduled = new ScheduledRounds(quiz, new ScheduleStore(tutor.database()), clock, ZoneId.of("UTC"));
    SlackApp slack = SlackApp.build(tutor, List.<SlackFeature>of(new SlackQuiz(quiz, scheduled)));
    SlackHttpServer server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    tutors.add(tutor);
    apps.add(slack);
    servers.add(server);
    sends.add(new SignedSlackRequests(server.port()));
  }

  List<Call> posts(Predicate<String> text) {
    return api.calls("chat.postMessage").stream().filter(c -> text.test(c.param("text"))).toList();
  }

  @Test
  void a_weekly_round_reminds_runs_and_posts_the_season_once_across_two_instances_and_survives_a_restart()
      throws Exception {
    assertThat(sends.get(0).command(SlackPayloads.slashCommand("/tutor-quiz", "schedule weekly mon 10:00", ALICE,
        CHANNEL, responses.url("schedule")))).isEqualTo(200);
    assertThat(responses.await(1, WAIT).get(0).text()).isEqualTo("Scheduled: every Monday at 10:00 (UTC).");
    Call announced = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(announced.json("blocks").toString()).contains("<@" + ALICE + ">").contains("<!date^" + Instant.parse("2026-11-30T10:00:00Z").getEpochSecond() + "^");

    // 09:54: nothing yet
    clock.set(Instant.parse("2026-11-30T09:54:00Z"));
    api.quietFor(QUIET);
    assertThat(api.calls("chat.postMessage")).hasSize(1);

    // 09:56: the reminder, once
    clock.set(Instant.parse("2026-11-30T09:56:00Z"));
    api.await("chat.postMessage", c -> c.param("text").startsWith("Quiz time soon"), 1, WAIT);
    api.quietFor(QUIET);
    assertThat(posts(t -> t.startsWith("Quiz time soon"))).hasSize(1);
    assertThat(posts(t -> t.startsWith("Quiz question"))).isEmpty();

    // 10:00: the round, once
    clock.set(Instant.parse("2026-11-30T10:00:01Z"));
    Call question = api.await("chat.postMessage", c -> c.param("text").startsWith("Quiz question 1 of 1"), 1, WAIT).get(0);
    api.quietFor(QUIET);
    assertThat(posts(t -> t.startsWith("Quiz question"))).hasSize(1);
    assertThat(tutors.get(0).database()).isNotNull();

    // four people tap one choice each, on either instance: one of them is right
    List<String> values = question.json("blocks").findValuesAsText("value");
    for (int i = 0; i < values.size(); i++) {
      String actionId = question.json("blocks").findValuesAsText("action_id").get(i);
      assertThat(sends.get(i % 2).interaction(SlackPayloads.blockAction(actionId, values.get(i), "UPLAYER" + i, CHANNEL,
          api.reply(question).path("ts").asText(), null))).isEqualTo(200);
    }
    api.await("chat.postEphemeral", values.size(), WAIT);

    // past the deadline: reveal, results, then the season's standings, once
    clock.set(Instant.parse("2026-11-30T10:00:30Z"));
    api.await("chat.postMessage", c -> c.param("text").startsWith("Quiz round over"), 1, WAIT);
    Call season = api.await("chat.postMessage", c -> c.param("text").equals("Season standings"), 1, WAIT).get(0);
    api.quietFor(QUIET);
    assertThat(posts(t -> t.equals("Season standings"))).hasSize(1);
    assertThat(posts(t -> t.startsWith("Quiz round over"))).hasSize(1);
    JsonNode standings = season.json("blocks");
    assertThat(standings.toString()).contains("1. <@UPLAYER").contains("1 right").doesNotContain("2. ");

    // an instance restarts: the schedule is where it was, next Monday at 10:00
    servers.remove(1).close();
    apps.remove(1).close();
    tutors.remove(1).close();
    sends.remove(1);
    instance();
    assertThat(sends.get(1).command(SlackPayloads.slashCommand("/tutor-quiz", "schedule", ALICE, CHANNEL,
        responses.url("show")))).isEqualTo(200);
    assertThat(responses.await(2, WAIT).get(1).text()).contains("every Monday at 10:00 (UTC)")
        .contains("the next starts Monday 7 December 2026 at 10:00 (UTC)");

    assertThat(sends.get(1).command(SlackPayloads.slashCommand("/tutor-quiz", "schedule off", ALICE, CHANNEL,
        responses.url("off")))).isEqualTo(200);
    assertThat(responses.await(3, WAIT).get(2).text()).isEqualTo(SlackSchedules.OFF);
    clock.set(Instant.parse("2026-12-07T10:00:01Z"));
    api.quietFor(QUIET);
    assertThat(posts(t -> t.startsWith("Quiz question"))).hasSize(1);
  }

  @Test
  void a_schedule_in_a_direct_message_or_with_a_bad_time_is_refused_kindly() throws Exception {
    sends.get(0).command(SlackPayloads.slashCommand("/tutor-quiz", "schedule weekly mon 10:00", ALICE, "DALICE",
        responses.url("dm")));
    assertThat(responses.await(1, WAIT).get(0).text()).isEqualTo(SlackSchedules.NOT_IN_DM);
    sends.get(0).command(SlackPayloads.slashCommand("/tutor-quiz", "schedule weekly mon 10h", ALICE, CHANNEL,
        responses.url("bad")));
    assertThat(responses.await(2, WAIT).get(1).text()).contains("not a time like 10:00");
    assertThat(new ScheduleStore(tutors.get(0).database()).all()).isEmpty();
  }
}
