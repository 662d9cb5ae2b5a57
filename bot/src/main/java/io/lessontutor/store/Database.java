package io.lessontutor.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import io.lessontutor.config.StartupException;
import io.lessontutor.config.TutorConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

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
    database.checkReachable();
    try {
      Flyway.configure()
          .dataSource(jdbcUrl, null, null)
          .locations(MIGRATIONS)
          .outOfOrder(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StartupException("cannot bring the database at " + redacted(jdbcUrl) + " up to date ("
          + firstLine(e.getMessage()) + "): " + WHERE_TO_LOOK);
    }
    return database;
  }

  /** Which settings point at the database, for messages. */
  static final String WHERE_TO_LOOK = "check " + TutorConfig.DATABASE_URL + " (or " + TutorConfig.DATA_DIR
      + " for the default SQLite file) and that the database accepts connections.";

  /** Fails in one line when no driver handles the URL or the database cannot be reached. */
  private void checkReachable() {
    try {
      DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new StartupException(TutorConfig.DATABASE_URL + " '" + redacted(url) + "' is not a database the tutor can"
          + " open: use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DATABASE.");
    }
    try (Connection connection = DriverManager.getConnection(url, properties)) {
      connection.isValid(1);
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : ", SQL state " + e.getSQLState();
      throw new StartupException("cannot connect to the database at " + redacted(url) + " (" + firstLine(e.getMessage())
          + state + "): " + WHERE_TO_LOOK);
    }
  }

  /** The URL without a password in it. */
  static String redacted(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/:@]+):[^/@]*@", "//$1:***@");
  }

  private static String firstLine(String message) {
    return message == null ? "no details" : message.lines().map(String::strip).filter(l -> !l.isEmpty())
        .findFirst().orElse("no details");
  }

  private static void createParentFolder(String file) {
    if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
      return;
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new StartupException("cannot create the data folder " + parent + " (" + e.getClass().getSimpleName()
          + "): check " + TutorConfig.DATA_DIR + " or " + TutorConfig.DATABASE_URL + ".");
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
