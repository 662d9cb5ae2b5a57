package io.lessontutor.store;

import static io.lessontutor.store.Sql.update;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs of the {@code /should-we-finetune} checklist (migration V20). Each run has its own random
 * id, so instances recording runs at once never collide. Thread-safe: every call is its own
 * transaction.
 */
public final class ChecklistRunStore {

  private final Database db;

  public ChecklistRunStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * A stored run.
   *
   * @param answers a JSON object of check id to answer word, as the checklist wrote it
   * @param createdAt epoch millis
   */
  public record Row(String id, String who, String where, String verdict, String answers, long createdAt) {}

  public void insert(Row run) {
    db.transaction(c -> update(c, "INSERT INTO checklist_runs (id, who, where_run, verdict, answers, created_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)", run.id(), run.who(), run.where(), run.verdict(), run.answers(), run.createdAt()));
  }

  /** The last {@code limit} runs in a place, newest first. */
  public List<Row> recent(String where, int limit) {
    return db.transaction(c -> {
      try (PreparedStatement select = Sql.prepare(c, "SELECT id, who, where_run, verdict, answers, created_at"
          + " FROM checklist_runs WHERE where_run = ? ORDER BY created_at DESC, id DESC", where)) {
        select.setMaxRows(limit);
        List<Row> runs = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next() && runs.size() < limit) {
            runs.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6)));
          }
        }
        return runs;
      }
    });
  }
}
