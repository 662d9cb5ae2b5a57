package io.lessontutor.checklist;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored run of the checklist.
 *
 * @param id a random UUID
 * @param who who ran it: a Slack user id, or the user name in the terminal
 * @param where a Slack channel id, or {@value ChecklistHistory#CLI} for the terminal
 * @param verdict the verdict id
 * @param answers the answers it was run with
 * @param at when it ran (millisecond precision)
 */
public record ChecklistRun(String id, String who, String where, String verdict, Answers answers, Instant at) {
  public ChecklistRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(who, "who");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(answers, "answers");
    Objects.requireNonNull(at, "at");
  }
}
