package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.store.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlackStoreTest {

  @TempDir Path dir;

  @Test
  void a_delivery_is_taken_on_once_until_it_is_forgotten() {
    SlackStore store = new SlackStore(Database.open("jdbc:sqlite:" + dir.resolve("tutor.db")));
    assertThat(store.firstDelivery("Ev1", "C1", "1.000")).isTrue();
    assertThat(store.firstDelivery("Ev1", "C1", "1.000")).isFalse();
    assertThat(store.firstDelivery(null, "C1", "1.000")).as("same message as a message event").isFalse();

    assertThat(store.forgetDeliveriesBefore(System.currentTimeMillis() - 60_000)).isZero();
    assertThat(store.firstDelivery("Ev1", "C1", "1.000")).isFalse();

    assertThat(store.forgetDeliveriesBefore(System.currentTimeMillis() + 1)).isEqualTo(2);
    assertThat(store.firstDelivery("Ev1", "C1", "1.000")).isTrue();
  }
}
