package io.lessontutor.checklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lessontutor.store.ChecklistRunStore;
import io.lessontutor.store.Database;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Every run of the checklist, stored by {@link ChecklistRunStore} with its answers as JSON.
 * Thread-safe: each call is its own transaction.
 */
public final class ChecklistHistory {

  /** Where runs from the terminal are filed. */
  public static final String CLI = "cli";
  /** How many runs {@code history} shows by default. */
  public static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 100;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChecklistRunStore runs;
  private final Clock clock;

  public ChecklistHistory(Database database) {
    this(database, Clock.systemUTC());
  }

  public ChecklistHistory(Database database, Clock clock) {
    this.runs = new ChecklistRunStore(Objects.requireNonNull(database, "database"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Stores a run and returns it as stored. */
  public ChecklistRun record(String who, String where, VerdictCard card) {
    ChecklistRun run = new ChecklistRun(UUID.randomUUID().toString(), who, where, card.verdict(), card.answers(),
        Instant.ofEpochMilli(clock.millis()));
    runs.insert(new ChecklistRunStore.Row(run.id(), run.who(), run.where(), run.verdict(), toJson(run.answers()),
        run.at().toEpochMilli()));
    return run;
  }

  /** The last runs in a place, newest first; at most {@code limit} (1 to {@value #MAX_LIMIT}). */
  public List<ChecklistRun> recent(String where, int limit) {
    int capped = Math.max(1, Math.min(limit, MAX_LIMIT));
    return runs.recent(where, capped).stream()
        .map(row -> new ChecklistRun(row.id(), row.who(), row.where(), row.verdict(), fromJson(row.answers()),
            Instant.ofEpochMilli(row.createdAt())))
        .toList();
  }

  private static String toJson(Answers answers) {
    Map<String, String> words = new LinkedHashMap<>();
    answers.values().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> words.put(e.getKey(), e.getValue().word()));
    try {
      return JSON.writeValueAsString(words);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answers fromJson(String json) {
    try {
      Map<String, String> words = JSON.readValue(json, new TypeReference<Map<String, String>>() {});
      Map<String, AnswerValue> values = new LinkedHashMap<>();
      words.forEach((check, word) -> values.put(check, AnswerValue.valueOf(word.toUpperCase(Locale.ROOT))));
      return new Answers(values);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a stored checklist run has unreadable answers: " + json, e);
    }
  }
}
