package io.lessontutor.bench;

import io.lessontutor.answer.GroundingCheck;
import io.lessontutor.answer.ReplaySet;
import io.lessontutor.answer.TestLessons;

/** Prints every replayed sentence's scores, to choose the grounding thresholds by eye. */
public final class GroundingCalibration {
  public static void main(String[] args) {
    GroundingCheck check = new GroundingCheck();
    for (ReplaySet.Case c : ReplaySet.load(TestLessons.library()).cases()) {
      for (ReplaySet.Reply r : c.all()) {
        for (String s : GroundingCheck.sentences(r.text())) {
          var v = check.checkSentence(s, c.passages());
          System.out.printf("%-10s %-20s ov=%.2f sim=%.2f %s | %s %s%n", r.kind(), v.failure() == null ? "ok" : v.failure().code(),
              v.overlap(), v.similarity(), v.unsupportedTerms(), s, "");
        }
      }
    }
  }
}
