package io.lessontutor.metrics;

import java.time.Duration;

/**
 * What the tutor counts while it runs: the port the answer path, the Slack adapter, the quiz, the
 * checklist and the stores call at their decision points. Every method does nothing by default,
 * so {@link #NONE} serves code that runs unobserved (the command line, unit tests);
 * {@link MicrometerMetrics} backs it for {@code /metrics}. Implementations are thread-safe and
 * never throw. Labels passed in are short codes, never a person's text.
 */
public interface TutorMetrics {

  /** Counts nothing. */
  TutorMetrics NONE = new TutorMetrics() {};

  /**
   * A question was handled: {@code outcome} is answered, declined, small_talk or failed;
   * {@code reason} a short code for why it was declined (empty otherwise).
   */
  default void question(String outcome, String reason) {}

  /** How long an answerer ("extractive", "llm") took for one answer. */
  default void answerTime(String answerer, Duration took) {}

  /** The language model's answer was replaced by the extractive one, for this reason code. */
  default void llmFallback(String reason) {}

  /**
   * The server database's connection pool, to be watched (connections active, idle, pending,
   * time to acquire one, timeouts); called once, when the database opens. SQLite has no pool.
   */
  default void connectionPool(javax.sql.DataSource pool) {}

  /** One Slack Web API call ended: {@code error} is Slack's error code, or "ok". */
  default void slackCall(String method, String error) {}

  /** Slack answered a call with 429. */
  default void slackRateLimited(String method) {}

  /** A call is sent again (after a 429 or a transient failure). */
  default void slackRetry(String method) {}

  /** A delivery (an event retried by Slack, a replayed request) was recognised and dropped. */
  default void duplicateDelivery(String kind) {}

  /** A quiz round changed: started, refused, revealed, stopped. */
  default void quizRound(String event) {}

  /** A tap on a quiz choice: right, wrong, repeat, late. */
  default void quizTap(String result) {}

  /** A checklist run ended with this verdict. */
  default void checklistRun(String verdict) {}

  /** A database operation failed: unavailable (out of reach) or other. */
  default void databaseError(String kind) {}

  /** The search index was built: how many passages, in how long. */
  default void indexBuilt(int passages, Duration took) {}
}
