package io.lessontutor.checklist;

import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.store.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The checklist as front ends use it (Slack, the terminal): pre-fill questions from a
 * description, turn answers into a verdict card, store runs and list them. Knows nothing of Slack.
 * Thread-safe.
 */
public final class ChecklistService {

  private final Checklist checklist;
  private final DecisionRules rules;
  private final Prefill prefill;
  private final ChecklistHistory history;

  public ChecklistService(Checklist checklist, ChecklistHistory history) {
    this.checklist = Objects.requireNonNull(checklist, "checklist");
    this.rules = new DecisionRules(checklist);
    this.prefill = new Prefill(checklist, ClauseMatcher::shared, Prefill.DEFAULT_MIX);
    this.history = Objects.requireNonNull(history, "history");
  }

  /**
   * Loads {@value Checklist#FILE} from the knowledge folder and checks it against the library;
   * throws {@link io.lessontutor.knowledge.KnowledgeFileException} (file, line, check, problem) when
   * anything is wrong, so call it at start-up.
   */
  public static ChecklistService load(Path knowledgeDir, LessonLibrary library, Database database) {
    return new ChecklistService(new ChecklistFileParser(library).load(knowledgeDir), new ChecklistHistory(database));
  }

  public Checklist checklist() {
    return checklist;
  }

  /** Every check in asking order, with what the description states (UNKNOWN where it is silent). */
  public List<PrefilledCheck> questions(String description) {
    Answers stated = prefill.read(description);
    return checklist.checks().stream().map(c -> new PrefilledCheck(c, stated.get(c.id()))).toList();
  }

  /**
   * Loads what the pre-fill needs (the embedding model, about a second) now rather than on the
   * first description; safe to call from any thread, more than once.
   */
  public void warmUp() {
    prefill.read("we have tried prompting");
  }

  /** Just the answers a free-text description states. */
  public Answers prefill(String description) {
    return prefill.read(description);
  }

  private volatile io.lessontutor.metrics.TutorMetrics metrics = io.lessontutor.metrics.TutorMetrics.NONE;

  /** Counts the runs stored, by verdict, into the metrics from now on. */
  public ChecklistService meter(io.lessontutor.metrics.TutorMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    return this;
  }

  /** The verdict for these answers; checks not answered count as "Not sure". Stores nothing. */
  public VerdictCard evaluate(Answers answers) {
    return rules.decide(answers);
  }

  /**
   * The open checks whose answer could still change the verdict, in asking order; empty once the
   * verdict is settled. Front ends ask only these, so they stop as soon as nothing can change.
   */
  public List<String> stillMatters(Answers answers) {
    return rules.stillMatters(answers);
  }

  /** Evaluates the answers and stores the run: who ran it (Slack user id or user name) and where. */
  public VerdictCard run(String who, String where, Answers answers) {
    VerdictCard card = evaluate(answers);
    history.record(who, where, card);
    metrics.checklistRun(card.verdict());
    return card;
  }

  /** Stores a run whose card was already shown. */
  public ChecklistRun record(String who, String where, VerdictCard card) {
    ChecklistRun run = history.record(who, where, card);
    metrics.checklistRun(card.verdict());
    return run;
  }

  /** The last runs in a channel (or {@value ChecklistHistory#CLI}), newest first. */
  public List<ChecklistRun> history(String where, int limit) {
    return history.recent(where, limit);
  }

  /** How conflicting answers are settled, in plain words, first rule first. */
  public List<String> precedence() {
    return DecisionRules.PRECEDENCE;
  }
}
