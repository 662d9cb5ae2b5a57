package io.lessontutor.checklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lessontutor.store.Database;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Every run of the checklist, in the {@code checklist_runs} table. Thread-safe: each call is its
 * own transaction.
 */
public final class ChecklistHistory {

  /** Where runs from the terminal are filed. */
  public static final String CLI = "cli";
  /** How many runs {@code history} shows by default. */
  public static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 100;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final Clock clock;

  public ChecklistHistory(Database database) {
    this(database, Clock.systemUTC());
  }

  public ChecklistHistory(Database database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Stores a run and returns it as stored. */
  public ChecklistRun record(String who, String where, VerdictCard card) {
    ChecklistRun run = new ChecklistRun(UUID.randomUUID().toString(), who, where, card.verdict(), card.answers(),
        Instant.ofEpochMilli(clock.millis()));
    String answers = toJson(run.answers());
    database.transaction(c -> {
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO checklist_runs (id, who, where_run, verdict, answers, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, run.id());
        insert.setString(2, run.who());
        insert.setString(3, run.where());
        insert.setString(4, run.verdict());
        insert.setString(5, answers);
        insert.setLong(6, run.at().toEpochMilli());
        return insert.executeUpdate();
      }
    });
    return run;
  }

  /** The last runs in a place, newest first; at most {@code limit} (1 to {@value #MAX_LIMIT}). */
  public List<ChecklistRun> recent(String where, int limit) {
    int capped = Math.max(1, Math.min(limit, MAX_LIMIT));
    return database.transaction(c -> {
      try (PreparedStatement select = c.prepareStatement(
          "SELECT id, who, where_run, verdict, answers, created_at FROM checklist_runs"
              + " WHERE where_run = ? ORDER BY created_at DESC, id DESC")) {
        select.setString(1, where);
        select.setMaxRows(capped);
        List<ChecklistRun> runs = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next() && runs.size() < capped) {
            runs.add(new ChecklistRun(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                fromJson(rows.getString(5)), Instant.ofEpochMilli(rows.getLong(6))));
          }
        }
        return runs;
      }
    });
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
