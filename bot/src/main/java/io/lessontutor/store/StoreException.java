package io.lessontutor.store;

import java.sql.SQLException;

/** A database failure, unchecked so that callers map it to a user-facing message in one place. */
public final class StoreException extends RuntimeException {
  public StoreException(SQLException cause) {
    super("database error: " + cause.getMessage(), cause);
  }
}
