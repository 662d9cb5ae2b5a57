package io.lessontutor.store;

import static io.lessontutor.store.Sql.list;
import static io.lessontutor.store.Sql.update;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The gap report's rows: questions the tutor declined, answers marked not helpful, and the
 * counts the report reads from the quiz's and the checklist's own tables. Every query takes the
 * time from which to count ({@code since}, epoch millis).
 */
public final class GapStore {

  public static final String DECLINED = "declined";
  public static final String UNHELPFUL = "unhelpful";
  /** Longest question kept, like a thread's last question. */
  public static final int MAX_QUESTION_CHARS = ThreadStore.MAX_QUESTION_CHARS;

  private final Database db;

  public GapStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** A declined question or a not-helpful answer; {@code question} null when its text is not kept. */
  public record Gap(String kind, String question, String reason, String passageId, long askedAt) {
    public Gap {
      Objects.requireNonNull(kind, "kind");
      if (question != null && question.length() > MAX_QUESTION_CHARS) {
        question = question.substring(0, MAX_QUESTION_CHARS);
      }
    }
  }

  public void record(Gap gap) {
    db.transaction(c -> update(c, "INSERT INTO gap_questions (id, kind, question, reason, passage_id, asked_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), gap.kind(), gap.question(), gap.reason(),
        gap.passageId(), gap.askedAt()));
  }

  /** Blanks the text of rows older than {@code before}; the rows stay, for the counts. Returns how many. */
  public int forgetTextBefore(long before) {
    return db.transaction(c -> update(c, "UPDATE gap_questions SET question = NULL"
        + " WHERE asked_at < ? AND question IS NOT NULL", before));
  }

  /** The rows of a kind since then, oldest first. */
  public List<Gap> gaps(String kind, long since) {
    return db.transaction(c -> list(c, "SELECT kind, question, reason, passage_id, asked_at FROM gap_questions"
        + " WHERE kind = ? AND asked_at >= ? ORDER BY asked_at",
        rs -> new Gap(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)),
        kind, since));
  }

  /** How often one wrong choice was picked for a quiz question, in channel rounds and solo practice together. */
  public record Miss(String questionId, int choice, long count) {}

  /** Wrong answers since then, by question and choice. */
  public List<Miss> quizMisses(long since) {
    return db.transaction(c -> {
      List<Miss> rounds = list(c, "SELECT q.question_id, a.choice, COUNT(*) FROM quiz_answers a"
          + " JOIN quiz_round_questions q ON q.round_id = a.round_id AND q.question_no = a.question_no"
          + " WHERE a.correct = ? AND a.answered_at >= ? GROUP BY q.question_id, a.choice",
          rs -> new Miss(rs.getString(1), rs.getInt(2), rs.getLong(3)), false, since);
      List<Miss> solo = list(c, "SELECT question_id, choice, COUNT(*) FROM quiz_solo_items"
          + " WHERE correct = ? AND choice >= 0 AND answered_at >= ? GROUP BY question_id, choice",
          rs -> new Miss(rs.getString(1), rs.getInt(2), rs.getLong(3)), false, since);
      java.util.Map<String, Long> merged = new java.util.LinkedHashMap<>();
      for (Miss m : rounds) {
        merged.merge(m.questionId() + "\u0000" + m.choice(), m.count(), Long::sum);
      }
      for (Miss m : solo) {
        merged.merge(m.questionId() + "\u0000" + m.choice(), m.count(), Long::sum);
      }
      return merged.entrySet().stream().map(e -> {
        String[] key = e.getKey().split("\u0000");
        return new Miss(key[0], Integer.parseInt(key[1]), e.getValue());
      }).toList();
    });
  }

  /** How many times the quiz question was answered right since then (both kinds of quiz). */
  public record Tally(String key, long count) {}

  /** Right answers by quiz question since then. */
  public List<Tally> quizRight(long since) {
    return db.transaction(c -> {
      List<Tally> rounds = list(c, "SELECT q.question_id, COUNT(*) FROM quiz_answers a"
          + " JOIN quiz_round_questions q ON q.round_id = a.round_id AND q.question_no = a.question_no"
          + " WHERE a.correct = ? AND a.answered_at >= ? GROUP BY q.question_id",
          rs -> new Tally(rs.getString(1), rs.getLong(2)), true, since);
      List<Tally> solo = list(c, "SELECT question_id, COUNT(*) FROM quiz_solo_items"
          + " WHERE correct = ? AND answered_at >= ? GROUP BY question_id",
          rs -> new Tally(rs.getString(1), rs.getLong(2)), true, since);
      java.util.Map<String, Long> merged = new java.util.LinkedHashMap<>();
      rounds.forEach(t -> merged.merge(t.key(), t.count(), Long::sum));
      solo.forEach(t -> merged.merge(t.key(), t.count(), Long::sum));
      return merged.entrySet().stream().map(e -> new Tally(e.getKey(), e.getValue())).toList();
    });
  }

  /** Checklist runs by verdict since then, most first. */
  public List<Tally> verdicts(long since) {
    return db.transaction(c -> list(c, "SELECT verdict, COUNT(*) AS n FROM checklist_runs WHERE created_at >= ?"
        + " GROUP BY verdict ORDER BY n DESC, verdict", rs -> new Tally(rs.getString(1), rs.getLong(2)), since));
  }
}
