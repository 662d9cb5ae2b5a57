package io.lessontutor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link TutorMetrics} on Micrometer's Prometheus registry, with the JVM's and the process's own
 * meters; {@link #scrape()} is the text {@code GET /metrics} serves. Label values are codes from
 * the tutor's own code, and each label keeps at most {@value #MAX_VALUES} distinct values (later
 * ones count as "other"), so no input can grow the series without bound.
 */
public final class MicrometerMetrics implements TutorMetrics, AutoCloseable {

  /** Most distinct values one label takes; Prometheus suffers from unbounded label sets. */
  static final int MAX_VALUES = 40;
  /** The answer latency histogram's buckets: extractive answers take milliseconds, a model seconds. */
  static final Duration[] ANSWER_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ConcurrentHashMap<String, Set<String>> seenValues = new ConcurrentHashMap<>();
  private final AtomicLong indexPassages = new AtomicLong();
  private final AtomicLong indexBuildMillis = new AtomicLong();
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public MicrometerMetrics() {
    registry.config().commonTags("application", "lesson-tutor");
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    Gauge.builder("tutor.index.passages", indexPassages, AtomicLong::get)
        .description("Passages in the search index").register(registry);
    Gauge.builder("tutor.index.build.seconds", indexBuildMillis, m -> m.get() / 1000.0)
        .description("How long the search index took to build at start-up").register(registry);
  }

  /** The registry, for binders that know Micrometer (the connection pool). */
  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter in Prometheus' text exposition format. */
  public String scrape() {
    return registry.scrape();
  }

  /** Stops listening to the JVM's garbage collections and closes the registry. */
  @Override
  public void close() {
    gc.close();
    registry.close();
  }

  @Override
  public void question(String outcome, String reason) {
    count("tutor.questions", "Questions handled, by outcome and reason", "outcome", outcome, "reason", reason);
  }

  @Override
  public void answerTime(String answerer, Duration took) {
    Timer.builder("tutor.answer")
        .description("Time to compose one answer, by answerer")
        .tag("answerer", bounded("answerer", answerer))
        .serviceLevelObjectives(ANSWER_BUCKETS)
        .register(registry)
        .record(took);
  }

  @Override
  public void llmFallback(String reason) {
    count("tutor.llm.fallbacks", "Model answers replaced by the extractive one, by reason", "reason", reason);
  }

  @Override
  public void slackCall(String method, String error) {
    count("tutor.slack.calls", "Slack Web API calls, by method and error code", "method", method, "error", error);
  }

  @Override
  public void slackRateLimited(String method) {
    count("tutor.slack.rate.limited", "Slack Web API calls answered with 429", "method", method);
  }

  @Override
  public void slackRetry(String method) {
    count("tutor.slack.retries", "Slack Web API calls sent again", "method", method);
  }

  @Override
  public void duplicateDelivery(String kind) {
    count("tutor.slack.duplicates", "Deliveries recognised as seen before and dropped", "kind", kind);
  }

  @Override
  public void quizRound(String event) {
    count("tutor.quiz.rounds", "Quiz round events", "event", event);
  }

  @Override
  public void quizTap(String result) {
    count("tutor.quiz.taps", "Taps on quiz choices, by result", "result", result);
  }

  @Override
  public void checklistRun(String verdict) {
    count("tutor.checklist.runs", "Checklist runs, by verdict", "verdict", verdict);
  }

  @Override
  public void connectionPool(javax.sql.DataSource pool) {
    // HikariCP meters itself on a Micrometer registry: hikaricp_connections_active{pool="tutor-db"} and others
    if (pool instanceof com.zaxxer.hikari.HikariDataSource hikari && hikari.getMetricRegistry() == null) {
      hikari.setMetricRegistry(registry);
    }
  }

  @Override
  public void databaseError(String kind) {
    count("tutor.database.errors", "Database operations that failed", "kind", kind);
  }

  @Override
  public void indexBuilt(int passages, Duration took) {
    indexPassages.set(passages);
    indexBuildMillis.set(took.toMillis());
  }

  private void count(String name, String description, String... tags) {
    String[] bounded = tags.clone();
    for (int i = 1; i < bounded.length; i += 2) {
      bounded[i] = bounded(name + "/" + bounded[i - 1], bounded[i]);
    }
    Counter.builder(name).description(description).tags(bounded).register(registry).increment();
  }

  /** The value as a label: at most 60 characters, "other" once a label has too many values. */
  private String bounded(String label, String value) {
    String v = value == null || value.isBlank() ? "none" : value.strip();
    if (v.length() > 60) {
      v = v.substring(0, 60);
    }
    Set<String> seen = seenValues.computeIfAbsent(label, k -> ConcurrentHashMap.newKeySet());
    if (seen.contains(v)) {
      return v;
    }
    synchronized (seen) {
      if (seen.size() >= MAX_VALUES) {
        return "other";
      }
      seen.add(v);
      return v;
    }
  }
}
