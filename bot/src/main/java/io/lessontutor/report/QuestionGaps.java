package io.lessontutor.report;

import io.lessontutor.metrics.MeteredAnswerer;
import io.lessontutor.store.GapStore;
import io.lessontutor.store.StoreException;
import io.lessontutor.store.ThreadStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what the gap report reads: each declined question, and each answer someone marked not
 * helpful with the question it answered. The text is kept {@code keepDays} days (0: never, only
 * the counts). Recording never fails the reply a person is waiting for: a database error is
 * logged and the row is lost.
 */
public final class QuestionGaps {

  private static final Logger log = LoggerFactory.getLogger(QuestionGaps.class);

  private final GapStore store;
  private final ThreadStore threads;
  private final int keepDays;
  private final Clock clock;

  public QuestionGaps(GapStore store, ThreadStore threads, int keepDays, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.threads = Objects.requireNonNull(threads, "threads");
    if (keepDays < 0) {
      throw new IllegalArgumentException("keepDays must not be negative");
    }
    this.keepDays = keepDays;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The tutor declined the question, for the reason the gate gave. */
  public void declined(String question, String reason) {
    save(new GapStore.Gap(GapStore.DECLINED, kept(question), MeteredAnswerer.reasonCode(reason), null, clock.millis()));
  }

  /**
   * Someone marked the answer citing {@code passageId} in this conversation not helpful; the
   * question is the conversation's last one ({@code threadTs} null for a direct message).
   */
  public void unhelpful(String channel, String threadTs, String passageId) {
    String question = null;
    if (keepDays > 0) {
      try {
        question = threads.lastQuestion(channel, threadTs == null ? ThreadStore.NO_THREAD : threadTs).orElse(null);
      } catch (StoreException e) {
        log.warn("could not look up the question of a not-helpful answer: {}", e.getMessage());
      }
    }
    save(new GapStore.Gap(GapStore.UNHELPFUL, question, null, passageId, clock.millis()));
  }

  /** Blanks the text older than the keeping time; returns how many rows. */
  public int forgetOldText() {
    long before = clock.millis() - Duration.ofDays(keepDays).toMillis();
    return store.forgetTextBefore(keepDays == 0 ? Long.MAX_VALUE : before);
  }

  private String kept(String question) {
    return keepDays > 0 ? question : null;
  }

  private void save(GapStore.Gap gap) {
    try {
      store.record(gap);
    } catch (StoreException e) {
      log.warn("could not keep a {} question for the gap report: {}", gap.kind(), e.getMessage());
    }
  }
}
