package io.lessontutor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.store.Database;
import io.lessontutor.store.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HikariCP's own meters in {@code /metrics} for a PostgreSQL database; SQLite has no pool to show. */
class ConnectionPoolMetricsIT {

  @Test
  void a_postgresql_database_shows_its_connection_pool_in_the_metrics() {
    String url = TestDatabases.freshPostgres();
    try (MicrometerMetrics metrics = new MicrometerMetrics()) {
      Database database = Database.open(url).meter(metrics);
      try {
        database.transaction(c -> c.createStatement().execute("SELECT 1"));
        String scrape = metrics.scrape();
        assertThat(scrape).contains("hikaricp_connections_max{application=\"lesson-tutor\",pool=\"tutor-db\"} 12.0")
            .containsPattern("hikaricp_connections_active\\{[^}]*pool=\"tutor-db\"[^}]*\\} 0\\.0")
            .containsPattern("hikaricp_connections_acquire_seconds_count\\{[^}]*pool=\"tutor-db\"[^}]*\\} [1-9]")
            .contains("hikaricp_connections_timeout_total{");
      } finally {
        database.close();
      }
    }
  }

  @Test
  void an_sqlite_database_has_no_pool_meters(@TempDir Path dir) {
    try (MicrometerMetrics metrics = new MicrometerMetrics()) {
      Database database = Database.open("jdbc:sqlite:" + dir.resolve("tutor.db")).meter(metrics);
      try {
        database.transaction(c -> c.createStatement().execute("SELECT 1"));
        assertThat(metrics.scrape()).contains("jvm_memory_used_bytes").doesNotContain("hikaricp");
      } finally {
        database.close();
      }
    }
  }
}
