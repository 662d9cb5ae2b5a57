package io.lessontutor.store;

import static io.lessontutor.store.Sql.update;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Slack deliveries the tutor has taken on (migration V10), so that a retry, or the same message
 * arriving both as app_mention and as message, is acted on once, also across restarts and across
 * instances sharing the database. Thread-safe: every call is its own transaction.
 *
 * <p>While the database cannot be reached, {@link #take} remembers deliveries in this instance's
 * memory instead, and writes them to the database once it answers again, so a retry that arrives
 * later, on any instance, is still recognised. A retry that reaches another instance during the
 * outage itself could be taken twice; Slack only retries a delivery that was not acknowledged in
 * 3 s, which the tutor does at once, so that needs two faults at the same time.
 */
public final class DeliveryStore {

  /** How many deliveries taken during an outage this instance remembers. */
  static final int OFFLINE_MEMORY = 10_000;

  /** What {@link #take} made of a delivery. */
  public enum Taken {
    /** Taken on now, and stored. */
    FIRST,
    /** Taken on before (a retry or a duplicate): do nothing. */
    REPEAT,
    /** Taken on now while the database is out of reach: remembered here, stored once it is back. */
    FIRST_WHILE_OFFLINE
  }

  private final Database db;
  /** Keys taken while offline, oldest first, true once written to the database. */
  private final Map<String, Boolean> offline = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > OFFLINE_MEMORY;
    }
  };

  public DeliveryStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  private volatile io.lessontutor.metrics.TutorMetrics metrics = io.lessontutor.metrics.TutorMetrics.NONE;

  /** Counts the deliveries recognised as repeats into the metrics from now on. */
  public DeliveryStore meter(io.lessontutor.metrics.TutorMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    return this;
  }

  /**
   * Takes on a message delivery. False when the event id or the message (channel and ts) was
   * taken on before.
   *
   * @param eventId Slack's event id; null when the delivery has none
   * @throws StoreException when the database cannot be reached ({@link StoreException#unavailable()})
   */
  public boolean firstDelivery(String eventId, String channel, String messageTs) {
    List<String> keys = eventId == null
        ? List.of(messageKey(channel, messageTs))
        : List.of("event:" + eventId, messageKey(channel, messageTs));
    long now = System.currentTimeMillis();
    try {
      // Insert without reading first: a read-then-write transaction in SQLite can fail with
      // SQLITE_BUSY when two deliveries race, whereas a first write waits for the lock; in
      // PostgreSQL the primary key makes the second of two racing inserts fail.
      return db.transaction(c -> {
        for (String key : keys) {
          update(c, "INSERT INTO slack_delivery (delivery_key, received_at) VALUES (?, ?)", key, now);
        }
        return true;
      });
    } catch (StoreException e) {
      // A key was taken before (the transaction rolled back, so neither key is half-taken).
      if (e.uniqueViolation()) {
        metrics.duplicateDelivery("event");
        return false;
      }
      throw e;
    }
  }

  /**
   * Like {@link #firstDelivery}, but an outage does not fail it: the delivery is then taken on in
   * this instance's memory (see the class comment).
   */
  public Taken take(String eventId, String channel, String messageTs) {
    List<String> keys = eventId == null
        ? List.of(messageKey(channel, messageTs))
        : List.of("event:" + eventId, messageKey(channel, messageTs));
    synchronized (offline) {
      if (keys.stream().anyMatch(offline::containsKey)) {
        metrics.duplicateDelivery("event");
        return Taken.REPEAT;
      }
    }
    try {
      storeOfflineKeys();
      return firstDelivery(eventId, channel, messageTs) ? Taken.FIRST : Taken.REPEAT;
    } catch (StoreException e) {
      if (!e.unavailable()) {
        throw e;
      }
      synchronized (offline) {
        if (keys.stream().anyMatch(offline::containsKey)) {
          return Taken.REPEAT;
        }
        keys.forEach(key -> offline.put(key, false));
      }
      return Taken.FIRST_WHILE_OFFLINE;
    }
  }

  /** Writes the keys taken while offline that are not in the database yet. */
  private void storeOfflineKeys() {
    List<String> pending = new ArrayList<>();
    synchronized (offline) {
      offline.forEach((key, stored) -> {
        if (!stored) {
          pending.add(key);
        }
      });
    }
    if (pending.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    db.transaction(c -> {
      for (String key : pending) {
        update(c, "INSERT INTO slack_delivery (delivery_key, received_at) VALUES (?, ?)"
            + " ON CONFLICT (delivery_key) DO NOTHING", key, now);
      }
      return null;
    });
    synchronized (offline) {
      pending.forEach(key -> offline.replace(key, true));
    }
  }

  /**
   * Forgets deliveries taken on before the given time (epoch millis), so the table does not grow
   * for ever; Slack stops retrying a delivery within the hour. Returns how many were forgotten.
   */
  public int forgetDeliveriesBefore(long epochMillis) {
    return db.transaction(c -> update(c, "DELETE FROM slack_delivery WHERE received_at < ?", epochMillis));
  }

  private static String messageKey(String channel, String ts) {
    return "message:" + channel + ":" + ts;
  }
}
