package io.lessontutor.slack;

import io.lessontutor.Tutor;
import io.lessontutor.slack.checklist.ChecklistFeature;
import io.lessontutor.slack.quiz.SlackQuiz;
import java.util.List;

/** The features the Slack app installs beside Ask, in the order App Home shows them. */
public final class SlackFeatures {

  private SlackFeatures() {}

  public static List<SlackFeature> all(Tutor tutor) {
    return List.of(new ChecklistFeature(tutor.checklistService()), new SlackQuiz(tutor.quiz(), tutor.scheduledRounds()));
  }
}
