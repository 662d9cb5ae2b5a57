package io.lessontutor.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request signatures seen within a window, in the database (migration V40), so that every
 * instance sharing it refuses a replay. Thread-safe: each call is its own transaction, and the
 * database's PRIMARY KEY decides which of two racing instances saw a signature first.
 */
public final class SeenSignatures {

  /** How often old signatures are deleted, at most. */
  static final Duration FORGET_EVERY = Duration.ofMinutes(1);

  private final Database db;
  private final Duration window;
  private final Clock clock;
  private final AtomicLong nextForgetAt = new AtomicLong();

  /**
   * @param window how long a signature is remembered; at least the window in which a request's
   *     timestamp is accepted, so that nothing replayable is forgotten
   */
  public SeenSignatures(Database db, Duration window, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.window = Objects.requireNonNull(window, "window");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** True the first time the signature is seen (and remembers it); false for a replay. */
  public boolean firstSight(String signature) {
    long now = clock.millis();
    forgetOldOnceInAWhile(now);
    try {
      return db.transaction(c -> {
        try (PreparedStatement ps =
            c.prepareStatement("INSERT INTO seen_request_signature (signature, seen_at) VALUES (?, ?)")) {
          ps.setString(1, signature);
          ps.setLong(2, now);
          ps.executeUpdate();
        }
        return true;
      });
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && Database.isUniqueViolation(sql)) {
        return false;
      }
      throw e;
    }
  }

  /** Deletes signatures older than the window; returns how many. */
  public int forgetOld() {
    long before = clock.millis() - window.toMillis();
    return db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM seen_request_signature WHERE seen_at < ?")) {
        ps.setLong(1, before);
        return ps.executeUpdate();
      }
    });
  }

  private void forgetOldOnceInAWhile(long now) {
    long next = nextForgetAt.get();
    if (now >= next && nextForgetAt.compareAndSet(next, now + FORGET_EVERY.toMillis())) {
      forgetOld();
    }
  }
}
