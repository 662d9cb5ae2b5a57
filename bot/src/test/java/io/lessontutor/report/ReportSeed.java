package io.lessontutor.report;

import io.lessontutor.Tutor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * What the report tests seed into a tutor's SQLite file: the same declined questions, unhelpful
 * answers and checklist runs, so the CLI report and the App Home report are checked on one story.
 */
public final class ReportSeed {

  /** The question the seeded unhelpful answers were given to. */
  public static final String UNHELPFUL_QUESTION = "is rag always enough?";

  private ReportSeed() {}

  /** Three QLoRA paraphrases, two weather questions and {@code unrelated}: six declined questions. */
  public static void declinedQuestions(QuestionGaps gaps, String unrelated) {
    String qlora = "it asks what QLoRA means, and the lesson never uses that term";
    String noMatch = "no passage of the lesson matches its words";
    gaps.declined("what is qlora", qlora);
    gaps.declined("explain qlora to me", qlora);
    gaps.declined("What is QLoRA?", qlora);
    gaps.declined("whats the weather in berlin", noMatch);
    gaps.declined("weather tomorrow in berlin?", noMatch);
    gaps.declined(unrelated, noMatch);
  }

  /** One answer in thread C1/100.1 marked unhelpful twice. */
  public static void unhelpfulAnswers(Tutor tutor) {
    tutor.threads().rememberQuestion("C1", "100.1", UNHELPFUL_QUESTION);
    tutor.gaps().unhelpful("C1", "100.1", "p/premise");
    tutor.gaps().unhelpful("C1", "100.1", "p/premise");
  }

  /** Three checklist runs at {@code at}: prompt-first twice, fine-tune once. */
  public static void checklistRuns(Path dataDir, long at) throws SQLException {
    for (String verdict : List.of("prompt-first", "prompt-first", "fine-tune")) {
      sql(dataDir, "INSERT INTO checklist_runs (id, who, where_run, verdict, answers, created_at)"
          + " VALUES (?, 'U1', 'C1', ?, '{}', ?)", UUID.randomUUID().toString(), verdict, at);
    }
  }

  /** Runs one statement on the tutor's SQLite file in {@code dataDir}. */
  public static void sql(Path dataDir, String sql, Object... params) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("tutor.db"));
         PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      s.executeUpdate();
    }
  }
}
