package io.lessontutor.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lessontutor.Tutor;
import io.lessontutor.cli.ReportCommand;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.quiz.QuizQuestion;
import io.lessontutor.slack.testing.EchoingAnswerer;
import io.lessontutor.slack.testing.SlackTestTutor;
import io.lessontutor.store.GapStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/tutor report} on a seeded SQLite database. */
class GapReportTest {

  @TempDir Path dataDir;
  Tutor tutor;

  @AfterEach
  void close() {
    if (tutor != null) {
      tutor.close();
    }
  }

  Tutor tutor(Map<String, String> more) {
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        TutorConfig.KNOWLEDGE_DIR, SlackTestTutor.KNOWLEDGE.toString(),
        TutorConfig.DATA_DIR, dataDir.toString(),
        TutorConfig.DATABASE_URL, "jdbc:sqlite:" + dataDir.resolve("tutor.db")));
    env.putAll(more);
    tutor = SlackTestTutor.create(new TutorConfig(env), SlackTestTutor.library(),
        new EchoingAnswerer(SlackTestTutor.library()));
    return tutor;
  }

  String report(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = ReportCommand.run(tutor, List.of(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void the_report_groups_paraphrases_lists_unhelpful_answers_missed_quiz_questions_and_verdicts() throws Exception {
    ReportSeed.declinedQuestions(tutor(Map.of()).gaps(), "who won the football game yesterday");
    ReportSeed.unhelpfulAnswers(tutor);

    QuizQuestion q = tutor.quizBank().questions().get(0);
    int wrong = q.answer() == 0 ? 1 : 0;
    long now = System.currentTimeMillis();
    ReportSeed.sql(dataDir, "INSERT INTO quiz_solo_sessions (id, user_id, size, started_at) VALUES ('s1', 'U1', 10, ?)", now);
    ReportSeed.sql(dataDir, "INSERT INTO quiz_solo_items (session_id, seq, question_id, retry, choice, correct, answered_at)"
        + " VALUES ('s1', 1, ?, false, ?, false, ?)", q.id(), wrong, now);
    ReportSeed.sql(dataDir, "INSERT INTO quiz_solo_items (session_id, seq, question_id, retry, choice, correct, answered_at)"
        + " VALUES ('s1', 2, ?, true, ?, false, ?)", q.id(), wrong, now);
    ReportSeed.sql(dataDir, "INSERT INTO quiz_solo_items (session_id, seq, question_id, retry, choice, correct, answered_at)"
        + " VALUES ('s1', 3, ?, true, ?, true, ?)", q.id(), q.answer(), now);
    ReportSeed.checklistRuns(dataDir, now);

    JsonNode json = new ObjectMapper().readTree(report("--json", "--since", "7d"));
    assertThat(json.path("declinedTotal").asInt()).isEqualTo(6);
    JsonNode groups = json.path("declined");
    assertThat(groups.get(0).path("count").asInt()).as("the QLoRA questions are one group, the biggest").isEqualTo(3);
    assertThat(groups.get(0).path("questions").toString()).contains("explain qlora to me").doesNotContain("weather");
    assertThat(groups.findValuesAsText("example")).noneMatch(e -> e.contains("football") && e.contains("weather"));
    JsonNode football = null;
    for (JsonNode g : groups) {
      if (g.path("questions").toString().contains("football")) {
        football = g;
      }
    }
    assertThat(football.path("count").asInt()).as("an unrelated question stays apart").isEqualTo(1);
    assertThat(json.path("unhelpful").get(0).path("count").asInt()).isEqualTo(2);
    assertThat(json.path("unhelpful").get(0).path("question").asText()).isEqualTo(ReportSeed.UNHELPFUL_QUESTION);
    JsonNode missed = json.path("missed").get(0);
    assertThat(missed.path("questionId").asText()).isEqualTo(q.id());
    assertThat(missed.path("wrong").asInt()).isEqualTo(2);
    assertThat(missed.path("answered").asInt()).isEqualTo(3);
    assertThat(missed.path("mostPicked").asText()).isEqualTo(q.choices().get(wrong));
    assertThat(json.path("verdicts").get(0).path("verdict").asText()).isEqualTo("prompt-first");
    assertThat(json.path("verdicts").get(0).path("count").asInt()).isEqualTo(2);

    String text = report();
    System.out.println(text);
    assertThat(text).contains("Declined questions: 6").contains("(and 2 alike)").contains("2 of 3 wrong")
        .contains("after \"is rag always enough?\"").contains("prompt-first");
  }

  @Test
  void with_keep_questions_off_only_counts_are_kept_and_old_text_is_forgotten() throws Exception {
    QuestionGaps off = tutor(Map.of(TutorConfig.KEEP_QUESTIONS, "off")).gaps();
    off.declined("what is qlora", "it asks what QLoRA means");
    GapStore store = new GapStore(tutor.database());
    assertThat(store.gaps(GapStore.DECLINED, 0)).singleElement()
        .satisfies(g -> assertThat(g.question()).isNull())
        .satisfies(g -> assertThat(g.reason()).isEqualTo("it_asks_what"));
    assertThat(report()).contains("Declined questions: 1").contains("(text not kept");

    Instant longAgo = Instant.now().minus(Duration.ofDays(31));
    QuestionGaps then = new QuestionGaps(store, tutor.threads(), 30, Clock.fixed(longAgo, ZoneOffset.UTC));
    then.declined("how long does fine tuning take", "no passage of the lesson matches its words");
    QuestionGaps now = new QuestionGaps(store, tutor.threads(), 30, Clock.systemUTC());
    now.declined("tips for writing system prompts", "no passage of the lesson matches its words");
    assertThat(now.forgetOldText()).isEqualTo(1);
    assertThat(store.gaps(GapStore.DECLINED, 0)).extracting(GapStore.Gap::question)
        .containsExactlyInAnyOrder(null, null, "tips for writing system prompts");
  }

  @Test
  void a_bad_keep_questions_value_names_the_variable_and_what_is_valid() {
    TutorConfig config = new TutorConfig(Map.of(TutorConfig.KEEP_QUESTIONS, "forever"));
    org.assertj.core.api.Assertions.assertThatThrownBy(config::keepQuestionDays)
        .hasMessageContaining("TUTOR_KEEP_QUESTIONS").hasMessageContaining("'on', 'off'");
    assertThat(new TutorConfig(Map.of(TutorConfig.KEEP_QUESTIONS, "7d")).keepQuestionDays()).isEqualTo(7);
    assertThat(new TutorConfig(Map.of()).keepQuestionDays()).isEqualTo(30);
  }
}
