package io.lessontutor.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecklistHistoryTest {

  @TempDir Path dir;

  @Test
  void runs_survive_reopening_the_database_and_list_newest_first_per_channel() {
    String url = "jdbc:sqlite:" + dir.resolve("tutor.db");
    AtomicLong now = new AtomicLong(1_700_000_000_000L);
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return Instant.ofEpochMilli(now.getAndAdd(60_000)); }
    };
    DecisionRules rules = new DecisionRules(Fixtures.CHECKLIST);
    ChecklistHistory history = new ChecklistHistory(Database.open(url), clock);

    history.record("U1", "C1", rules.decide(Fixtures.answers("use-case-sound=yes, prompting-pushed=no")));
    history.record("U2", "C1", rules.decide(Fixtures.all(AnswerValue.YES, "")));
    history.record("U3", "C2", rules.decide(Fixtures.answers("use-case-sound=no")));
    history.record("me", ChecklistHistory.CLI, rules.decide(Answers.none()));

    ChecklistHistory reopened = new ChecklistHistory(Database.open(url));
    var runs = reopened.recent("C1", 10);
    assertThat(runs).extracting(ChecklistRun::who).containsExactly("U2", "U1");
    assertThat(runs).extracting(ChecklistRun::verdict).containsExactly("fine-tune-with-lora", "prompt-first");
    assertThat(runs.get(0).answers()).isEqualTo(Fixtures.all(AnswerValue.YES, ""));
    assertThat(runs.get(1).answers()).isEqualTo(Fixtures.answers("use-case-sound=yes, prompting-pushed=no"));
    assertThat(runs.get(0).at()).isEqualTo(Instant.ofEpochMilli(1_700_000_060_000L));
    assertThat(runs).allSatisfy(r -> assertThat(r.where()).isEqualTo("C1"));
    assertThat(reopened.recent(ChecklistHistory.CLI, 10)).extracting(ChecklistRun::verdict).containsExactly("need-more-info");
    assertThat(reopened.recent("C1", 1)).extracting(ChecklistRun::who).containsExactly("U2");
    assertThat(reopened.recent("C9", 10)).isEmpty();
  }

  @Test
  void the_service_runs_records_and_lists_through_one_facade() {
    ChecklistService service = ChecklistService.load(Fixtures.KNOWLEDGE, Fixtures.LIBRARY,
        Database.open("jdbc:sqlite:" + dir.resolve("service.db")));

    var questions = service.questions("we have 80k labeled tickets and latency is our problem");
    assertThat(questions).extracting(q -> q.check().id()).containsExactlyElementsOf(Fixtures.CHECKLIST.checkIds());
    assertThat(questions).filteredOn(q -> !q.open()).extracting(q -> q.check().id())
        .containsExactly("large-labeled-dataset", "latency-or-cost-problem");

    VerdictCard card = service.run("U1", "C1", service.prefill("the use case is clear but we haven't tried prompt engineering"));
    assertThat(card.verdict()).isEqualTo("prompt-first");
    assertThat(service.history("C1", ChecklistHistory.DEFAULT_LIMIT)).singleElement()
        .satisfies(run -> assertThat(run.verdict()).isEqualTo("prompt-first"));
  }
}
