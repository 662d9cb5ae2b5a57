package io.lessontutor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeenSignaturesTest {

  @TempDir Path dir;

  /** A clock the test moves by hand. */
  static final class HandClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T12:00:00Z"));

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @Test
  void a_signature_is_new_once_for_every_instance_on_the_database_and_forgotten_after_the_window() {
    String url = "jdbc:sqlite:" + dir.resolve("tutor.db");
    HandClock clock = new HandClock();
    SeenSignatures one = new SeenSignatures(Database.open(url), Duration.ofMinutes(11), clock);
    SeenSignatures other = new SeenSignatures(Database.open(url), Duration.ofMinutes(11), clock);

    assertThat(one.firstSight("v0=abc")).isTrue();
    assertThat(one.firstSight("v0=abc")).isFalse();
    assertThat(other.firstSight("v0=abc")).isFalse();
    assertThat(other.firstSight("v0=def")).isTrue();

    clock.now.set(clock.now.get().plus(Duration.ofMinutes(12)));
    assertThat(one.forgetOld()).isEqualTo(2);
    assertThat(one.firstSight("v0=abc")).isTrue();
  }
}
