package io.lessontutor.slack;

import io.lessontutor.Tutor;
import io.lessontutor.slack.checklist.ChecklistFeature;
import io.lessontutor.slack.quiz.SlackQuiz;
import io.lessontutor.report.GapReports;
import io.lessontutor.search.MiniLmEmbeddingModel;
import io.lessontutor.slack.report.AdminReport;
import io.lessontutor.store.GapStore;
import java.util.List;

/** The features the Slack app installs beside Ask, in the order App Home shows them. */
public final class SlackFeatures {

  private SlackFeatures() {}

  public static List<SlackFeature> all(Tutor tutor) {
    GapReports reports = new GapReports(new GapStore(tutor.database()), tutor.quizBank(), MiniLmEmbeddingModel::new,
        java.time.Clock.systemUTC());
    return List.of(new ChecklistFeature(tutor.checklistService()), new SlackQuiz(tutor.quiz(), tutor.scheduledRounds()),
        new AdminReport(tutor.config().admins(), reports));
  }
}
