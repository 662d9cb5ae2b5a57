package io.lessontutor.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.store.ChannelSettingsStore.ChannelSettings;
import io.lessontutor.store.TestDatabases.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15's repositories on SQLite and PostgreSQL: reply settings, private answers shared once,
 * and each step of a quiz schedule taken by exactly one of many racing callers (two connections
 * to one database stand for two instances).
 */
class ScheduleStoresTest {

  static final int RACERS = 8;

  @TempDir Path dir;

  static int winners(BooleanSupplier step) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(RACERS);
    try {
      List<Callable<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < RACERS; i++) {
        calls.add(step::getAsBoolean);
      }
      int won = 0;
      for (Future<Boolean> f : pool.invokeAll(calls)) {
        won += f.get() ? 1 : 0;
      }
      return won;
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lessontutor.store.TestDatabases#kinds")
  void each_schedule_step_is_taken_once_by_racing_instances(Kind kind) throws Exception {
    String url = TestDatabases.url(kind, dir);
    try (Database one = Database.open(url); Database two = Database.open(url)) {
      ScheduleStore a = new ScheduleStore(one);
      ScheduleStore b = new ScheduleStore(two);
      a.save("C1", "weekly", 1, "10:00", "UTC", "U1", 1_000, 5_000);
      int[] turn = {0};
      assertThat(winners(() -> (turn[0]++ % 2 == 0 ? a : b).takeReminder("C1", 5_000))).isEqualTo(1);
      assertThat(winners(() -> (turn[0]++ % 2 == 0 ? a : b).takeRun("C1", 5_000, 9_000))).isEqualTo(1);
      assertThat(b.find("C1").orElseThrow().nextRunAt()).isEqualTo(9_000);
      a.roundStarted("C1", "R1");
      assertThat(winners(() -> (turn[0]++ % 2 == 0 ? a : b).takeStandings("C1", "R1"))).isEqualTo(1);
      // the schedule changed: the season keeps its start, the day moves
      b.save("C1", "daily", null, "09:30", "Europe/Lisbon", "U2", 7_000, 8_000);
      ScheduleStore.Schedule moved = a.find("C1").orElseThrow();
      assertThat(moved.dayOfWeek()).isNull();
      assertThat(moved.seasonStart()).isEqualTo(1_000);
      assertThat(a.season("C1", 0, 10)).isEmpty();
      assertThat(a.delete("C1")).isTrue();
      assertThat(b.all()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lessontutor.store.TestDatabases#kinds")
  void reply_settings_default_to_mention_only_and_the_last_change_wins(Kind kind) {
    try (Database db = Database.open(TestDatabases.url(kind, dir))) {
      ChannelSettingsStore store = new ChannelSettingsStore(db);
      assertThat(store.settings("C1")).isEqualTo(ChannelSettings.DEFAULT);
      store.save("C1", new ChannelSettings(true, false), "U1");
      store.save("C1", new ChannelSettings(true, true), "U2");
      assertThat(store.saved("C1").orElseThrow().changedBy()).isEqualTo("U2");
      assertThat(store.changedChannels()).extracting(ChannelSettingsStore.Saved::channel).containsExactly("C1");
      store.save("C1", ChannelSettings.DEFAULT, "U3");
      assertThat(store.changedChannels()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lessontutor.store.TestDatabases#kinds")
  void a_private_answer_is_shared_once_however_many_tap(Kind kind) throws Exception {
    try (Database db = Database.open(TestDatabases.url(kind, dir))) {
      PrivateAnswerStore store = new PrivateAnswerStore(db);
      String id = store.save("U1", "C1", null, "text", "[]");
      assertThat(winners(() -> store.share(id, "U1").isPresent())).isEqualTo(1);
      assertThat(store.share("no-such-answer", "U1")).isEmpty();
      assertThat(store.forgetBefore(System.currentTimeMillis() + 1)).isEqualTo(1);
    }
  }
}
