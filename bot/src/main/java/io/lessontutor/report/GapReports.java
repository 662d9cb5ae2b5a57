package io.lessontutor.report;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.lessontutor.quiz.QuizBank;
import io.lessontutor.store.GapStore;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds {@link GapReport}s of the last {@link GapReport#DEFAULT_SPAN} for the Slack surfaces. The
 * embedding model that groups questions is made on the first report (most workspaces never ask
 * for one) and kept. Thread-safe.
 */
public final class GapReports {

  private final GapStore store;
  private final QuizBank bank;
  private final Supplier<EmbeddingModel> embeddings;
  private final Clock clock;
  private volatile QuestionGroups grouping;

  public GapReports(GapStore store, QuizBank bank, Supplier<EmbeddingModel> embeddings, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.bank = Objects.requireNonNull(bank, "bank");
    this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The report of the last 30 days, with at most {@code groupLimit} declined groups. */
  public GapReport recent(int groupLimit) {
    return GapReport.build(store, bank, grouping(), clock.millis() - GapReport.DEFAULT_SPAN.toMillis(), groupLimit);
  }

  private QuestionGroups grouping() {
    QuestionGroups groups = grouping;
    if (groups == null) {
      synchronized (this) {
        if (grouping == null) {
          grouping = new QuestionGroups(embeddings.get(), QuestionGroups.DEFAULT_THRESHOLD);
        }
        groups = grouping;
      }
    }
    return groups;
  }
}
