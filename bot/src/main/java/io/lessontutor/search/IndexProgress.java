package io.lessontutor.search;

import java.util.OptionalLong;

/**
 * How far the building of the lesson index has got, for a person waiting on it: lessons indexed
 * out of those to index, and an estimate of the time left from the rate so far. Written by the
 * one thread that builds the index, read by any; thread-safe.
 */
public final class IndexProgress {

  private volatile long startNanos;
  private volatile int total;
  private volatile int done;

  /** The build starts, with {@code total} lessons to (re-)index. */
  void started(int total) {
    this.startNanos = System.nanoTime();
    this.total = total;
    this.done = 0;
  }

  /** {@code done} lessons are indexed so far. */
  void indexed(int done) {
    this.done = done;
  }

  /** Lessons indexed so far. */
  public int done() {
    return done;
  }

  /** Lessons to index in all; 0 before the build starts, or when nothing needs indexing. */
  public int total() {
    return total;
  }

  /**
   * Seconds until every lesson is indexed, at the rate so far, at least 1; empty until the first
   * lesson is done (there is no rate yet).
   */
  public OptionalLong secondsLeft() {
    int d = done;
    int t = total;
    if (d <= 0 || t <= 0) {
      return OptionalLong.empty();
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return OptionalLong.of(Math.max(1, Math.round((t - d) * seconds / d)));
  }
}
