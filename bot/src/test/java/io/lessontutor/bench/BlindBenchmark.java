package io.lessontutor.bench;

import io.lessontutor.answer.AnswerSet;
import io.lessontutor.answer.ExtractiveAnswerer;
import io.lessontutor.checklist.Checklist;
import io.lessontutor.checklist.ChecklistFileParser;
import io.lessontutor.checklist.ClauseMatcher;
import io.lessontutor.checklist.DecisionRules;
import io.lessontutor.checklist.Descriptions;
import io.lessontutor.checklist.Descriptions.Description;
import io.lessontutor.checklist.Prefill;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.search.LucenePassageRetriever;
import io.lessontutor.search.MiniLmEmbeddingModel;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code scripts/bench blind}: round 6, the sets kept for measurement only (answers/round6-blind.yaml
 * and checklist/descriptions-round6-blind.yaml, written blind and never tuned on). It prints counts
 * and nothing else, never a question or a miss, so the sets stay unseen for the next round of tuning.
 */
public final class BlindBenchmark {

  static final String DESCRIPTIONS = "checklist/descriptions-round6-blind.yaml";

  public static void main(String[] args) {
    Path knowledge = Path.of(System.getProperty("tutor.knowledge.dir", "knowledge"));
    LessonLibrary library = LessonLibrary.load(knowledge);
    MiniLmEmbeddingModel model = new MiniLmEmbeddingModel();

    AnswerSet answers = AnswerSet.round6Blind();
    LucenePassageRetriever hybrid = LucenePassageRetriever.hybrid(library.passages(), model);
    LucenePassageRetriever bm25 = LucenePassageRetriever.bm25(library.passages());
    AnswerSet.Score h = answers.score(new ExtractiveAnswerer(library, hybrid, hybrid.vocabulary()), library);
    AnswerSet.Score b = answers.score(new ExtractiveAnswerer(library, bm25, bm25.vocabulary()), library);
    System.out.printf("Round 6 answers, blind (%d questions, counts only)%n%n", answers.items().size());
    System.out.println("| | hybrid | plain BM25 |");
    System.out.println("|---|---|---|");
    row("answered with a right passage", h.percent(h.answeredRight(), h.answerable()), b.percent(b.answeredRight(), b.answerable()));
    row("declined when it should", h.percent(h.declinedRight(), h.declinable()), b.percent(b.declinedRight(), b.declinable()));
    row("cannot-do citations with their negation", h.percent(h.negationsCarried(), h.negationsNeeded()),
        b.percent(b.negationsCarried(), b.negationsNeeded()));
    row("yes/no: right / no stance / WRONG", stances(h), stances(b));

    Checklist checklist = new ChecklistFileParser(library).load(knowledge);
    DecisionRules rules = new DecisionRules(checklist);
    List<Description> descriptions = Descriptions.load(DESCRIPTIONS);
    long mislabelled = descriptions.stream().filter(d -> !rules.decide(d.states()).verdict().equals(d.verdict())).count();
    ClauseMatcher matcher = new ClauseMatcher(model, ClauseMatcher.DEFAULT_MIN_SIMILARITY);
    ChecklistBenchmark.Score s = ChecklistBenchmark.score(new Prefill(checklist, () -> matcher, Prefill.DEFAULT_MIX),
        rules, descriptions);
    int asks = s.total() - s.verdictsRight() - s.wrongVerdicts();
    System.out.printf("%nRound 6 checklist descriptions, blind (%d, counts only; %d labels disagree with the rules)%n%n",
        descriptions.size(), mislabelled);
    System.out.println("| | default mix |");
    System.out.println("|---|---|");
    row("verdict right", String.format("%d/%d (%.0f%%)", s.verdictsRight(), s.total(), 100.0 * s.verdictsRight() / s.total()));
    row("asked for more / WRONG verdict", asks + " / " + s.wrongVerdicts());
  }

  private static String stances(AnswerSet.Score s) {
    return s.rightStance() + " / " + s.noStance() + " / " + s.wrongStance() + " of " + s.stanceQuestions();
  }

  private static void row(String name, String... cells) {
    System.out.println("| " + name + " | " + String.join(" | ", cells) + " |");
  }
}
