package io.lessontutor.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import io.lessontutor.config.StartupException;
import io.lessontutor.config.TutorConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The tutor's database: an SQLite file by default, any JDBC database by URL (PostgreSQL shared by
 * several instances). The schema is created and migrated by Flyway on {@link #open}, from
 * {@code db/migration/V*__*.sql} on the class path. Keep that SQL portable (SQLite and
 * PostgreSQL): plain types, no vendor functions, upserts as {@code INSERT ... ON CONFLICT ... DO UPDATE}.
 *
 * <p>Each {@link #transaction} runs on its own connection (a new one for SQLite, one from a small
 * pool for a server database), so the class is safe to share between threads. SQLite serialises
 * writers and waits up to {@value #BUSY_TIMEOUT_MILLIS} ms for a lock. A server that cannot be
 * reached fails a transaction within {@value #CONNECT_TIMEOUT_MILLIS} ms with a
 * {@link StoreException} whose {@link StoreException#unavailable()} is true; for
 * {@link #RETRY_AFTER} after that, transactions fail so at once, so that an outage does not make
 * every question wait for the connection timeout.
 */
public final class Database implements AutoCloseable {

  /** Where the migrations live; capabilities number theirs apart (10s Slack, 20s checklist, 30s quiz, 50s instances). */
  public static final String MIGRATIONS = "classpath:db/migration";
  static final int BUSY_TIMEOUT_MILLIS = 5_000;
  /** How long a transaction waits for a pooled connection, and so how fast an outage shows. */
  static final int CONNECT_TIMEOUT_MILLIS = 2_000;
  /** Connections per instance to a server database: the Slack workers, the quiz timer and the health probe. */
  static final int POOL_SIZE = 12;
  /** After the database was found out of reach, transactions fail at once for this long before trying again. */
  static final java.time.Duration RETRY_AFTER = java.time.Duration.ofMillis(500);

  private final String url;
  private final Properties properties;
  private final HikariDataSource pool;
  /** Why the database was last found out of reach; null once it answers. */
  private volatile String unreachable;
  /** Until when (System.nanoTime) transactions fail at once after the database was found out of reach. */
  private volatile long unreachableUntil;

  private Database(String url, Properties properties, HikariDataSource pool) {
    this.url = url;
    this.properties = properties;
    this.pool = pool;
  }

  /** Opens the database at the JDBC URL and brings its schema up to date. */
  public static Database open(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      createParentFolder(jdbcUrl.substring("jdbc:sqlite:".length()));
      Properties properties = new Properties();
      properties.setProperty("journal_mode", "WAL");
      // with WAL, NORMAL survives a crash of the tutor and only risks the last commits on power loss
      properties.setProperty("synchronous", "NORMAL");
      properties.setProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT_MILLIS));
      properties.setProperty("foreign_keys", "true");
      Database database = new Database(jdbcUrl, properties, null);
      database.checkReachable();
      migrate(jdbcUrl, Flyway.configure().dataSource(jdbcUrl, null, null));
      return database;
    }
    // Checked before the pool is built, so that a URL no driver takes or a server out of reach is one line.
    new Database(jdbcUrl, new Properties(), null).checkReachable();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(2);
    config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
    config.setValidationTimeout(1_000);
    config.setPoolName("tutor-db");
    HikariDataSource pool = new HikariDataSource(config);
    try {
      // Several instances may start at once: Flyway takes a lock in the database while it migrates.
      migrate(jdbcUrl, Flyway.configure().dataSource(pool));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(jdbcUrl, null, pool);
  }

  private static void migrate(String jdbcUrl, FluentConfiguration flyway) {
    try {
      flyway.locations(MIGRATIONS).outOfOrder(true).load().migrate();
    } catch (FlywayException e) {
      throw new StartupException("cannot bring the database at " + redacted(jdbcUrl) + " up to date ("
          + firstLine(e.getMessage()) + "): " + WHERE_TO_LOOK);
    }
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

  private volatile io.lessontutor.metrics.TutorMetrics metrics = io.lessontutor.metrics.TutorMetrics.NONE;

  /** Counts failed operations into the metrics from now on, and hands them the connection pool (a server database). */
  public Database meter(io.lessontutor.metrics.TutorMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    if (pool != null) {
      metrics.connectionPool(pool);
    }
    return this;
  }

  /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T transaction(Work<T> work) {
    String down = unreachable;
    if (down != null && System.nanoTime() < unreachableUntil) {
      // Found out of reach a moment ago: fail at once rather than make every caller wait again.
      metrics.databaseError("unavailable");
      throw new StoreException(new SQLTransientConnectionException(down, "08001"));
    }
    return attempt(work);
  }

  private <T> T attempt(Work<T> work) {
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection);
        throw e;
      }
    } catch (SQLException e) {
      if (!isUniqueViolation(e)) { // a unique violation is how deliveries are taken once: no error
        metrics.databaseError(isUnavailable(e) ? "unavailable" : "other");
      }
      if (isUnavailable(e)) {
        unreachable = "the database is out of reach: " + e.getMessage();
        unreachableUntil = System.nanoTime() + RETRY_AFTER.toNanos();
      }
      throw new StoreException(e);
    }
  }

  private Connection connect() throws SQLException {
    return pool != null ? pool.getConnection() : DriverManager.getConnection(url, properties);
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // the connection is gone (an outage): there is nothing left to roll back
    }
  }

  /**
   * Empty when the database answers a trivial query; otherwise why not, in one line for
   * {@code /healthz}. Takes at most about {@value #CONNECT_TIMEOUT_MILLIS} ms.
   */
  public Optional<String> problem() {
    try {
      attempt(c -> c.createStatement().execute("SELECT 1")); // past the short cut: it finds the way back
      unreachable = null;
      return Optional.empty();
    } catch (StoreException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** The JDBC URL without its query (which may hold a password), for log lines. */
  public String url() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /** Closes the pool of a server database; nothing to do for SQLite. */
  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
  }

  /** True when the SQL state says a UNIQUE or PRIMARY KEY constraint refused the row. */
  public static boolean isUniqueViolation(SQLException e) {
    String state = e.getSQLState();
    return (state != null && state.startsWith("23"))
        || (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed"))
        || (e.getMessage() != null && e.getMessage().contains("PRIMARY KEY constraint failed"));
  }

  /** True when the failure is the database being out of reach, not the statement. */
  static boolean isUnavailable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
        return true; // connection exception class (08001 cannot connect, 08006 connection failure, ...)
      }
    }
    return false;
  }
}
