package io.lessontutor.store;

import java.sql.SQLException;

/** A database failure, unchecked so that callers map it to a user-facing message in one place. */
public final class StoreException extends RuntimeException {
  public StoreException(SQLException cause) {
    super("database error: " + cause.getMessage(), cause);
  }

  /** True when the database could not be reached (an outage), rather than refusing a statement. */
  public boolean unavailable() {
    return getCause() instanceof SQLException sql && Database.isUnavailable(sql);
  }

  /** True when a UNIQUE or PRIMARY KEY constraint refused a row. */
  public boolean uniqueViolation() {
    return getCause() instanceof SQLException sql && Database.isUniqueViolation(sql);
  }
}
