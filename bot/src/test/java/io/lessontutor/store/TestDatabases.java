package io.lessontutor.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the persistence tests run on: an SQLite file, and a real PostgreSQL server when
 * {@value #POSTGRES_URL} names one ({@code .ci/run} starts one on loopback with
 * {@code scripts/postgres start}). Each PostgreSQL database handed out is a fresh schema on that
 * server, so tests never see each other's rows. Without a server the PostgreSQL cases are skipped
 * with a message saying so; a server that is named but does not answer fails them.
 */
public final class TestDatabases {

  /** The environment variable naming the test server, e.g. {@code jdbc:postgresql://127.0.0.1:54329/tutor_test?user=tutor}. */
  public static final String POSTGRES_URL = "TUTOR_TEST_POSTGRES_URL";

  private TestDatabases() {}

  /** Which database a test runs on. */
  public enum Kind {
    SQLITE, POSTGRES;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Both kinds, for {@code @MethodSource}. */
  public static Stream<Kind> kinds() {
    return Stream.of(Kind.SQLITE, Kind.POSTGRES);
  }

  /** A fresh, empty database of the kind; for PostgreSQL see {@link #freshPostgres}. */
  public static String url(Kind kind, Path dir) {
    return kind == Kind.SQLITE ? "jdbc:sqlite:" + dir.resolve("tutor.db") : freshPostgres();
  }

  /**
   * A fresh schema on the test server, as a JDBC URL that uses it; skips the test when no server is
   * named, and fails it when the named server does not answer.
   */
  public static String freshPostgres() {
    String server = System.getenv(POSTGRES_URL);
    Assumptions.assumeTrue(server != null && !server.isBlank(),
        "PostgreSQL test skipped: set " + POSTGRES_URL + " (scripts/postgres start prints one; .ci/run always does)");
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(server)) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      // A server that was named but does not answer is a broken set-up, not a reason to skip: CI would go green
      // without running a single PostgreSQL test.
      throw new IllegalStateException(POSTGRES_URL + " names " + withoutQuery(server) + " but no server answers there ("
          + e.getMessage() + "): start one with scripts/postgres start, or unset " + POSTGRES_URL, e);
    }
    return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static String withoutQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
