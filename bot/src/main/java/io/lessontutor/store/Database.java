package io.lessontutor.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * The tutor's database: an SQLite file by default, any JDBC database by URL. The schema is
 * created and migrated by Flyway on {@link #open}, from {@code db/migration/V*__*.sql} on the
 * class path. Keep that SQL portable (SQLite and PostgreSQL): plain types, no vendor functions.
 *
 * <p>Each {@link #transaction} opens its own connection, so the class is safe to share between
 * threads; SQLite serialises writers and waits up to {@value #BUSY_TIMEOUT_MILLIS} ms for a lock.
 */
public final class Database {

  /** Where the migrations live; capabilities number theirs apart (10s Slack, 20s checklist, 30s quiz). */
  public static final String MIGRATIONS = "classpath:db/migration";
  static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private final String url;
  private final Properties properties;

  private Database(String url, Properties properties) {
    this.url = url;
    this.properties = properties;
  }

  /** Opens the database at the JDBC URL and brings its schema up to date. */
  public static Database open(String jdbcUrl) {
    Properties properties = new Properties();
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      createParentFolder(jdbcUrl.substring("jdbc:sqlite:".length()));
      properties.setProperty("journal_mode", "WAL");
      // with WAL, NORMAL survives a crash of the tutor and only risks the last commits on power loss
      properties.setProperty("synchronous", "NORMAL");
      properties.setProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT_MILLIS));
      properties.setProperty("foreign_keys", "true");
    }
    Database database = new Database(jdbcUrl, properties);
    Flyway.configure()
        .dataSource(jdbcUrl, null, null)
        .locations(MIGRATIONS)
        .outOfOrder(true)
        .load()
        .migrate();
    return database;
  }

  private static void createParentFolder(String file) {
    if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
      return;
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + parent, e);
    }
  }

  /** A unit of work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T transaction(Work<T> work) {
    try (Connection connection = DriverManager.getConnection(url, properties)) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** The JDBC URL, for log lines; holds no secret for SQLite. */
  public String url() {
    return url;
  }

  /** True when the SQL state says a UNIQUE or PRIMARY KEY constraint refused the row. */
  public static boolean isUniqueViolation(SQLException e) {
    String state = e.getSQLState();
    return (state != null && state.startsWith("23"))
        || (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed"))
        || (e.getMessage() != null && e.getMessage().contains("PRIMARY KEY constraint failed"));
  }
}
