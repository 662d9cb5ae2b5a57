package io.lessontutor.report;

import io.lessontutor.quiz.QuizBank;
import io.lessontutor.quiz.QuizQuestion;
import io.lessontutor.store.GapStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What people asked that the lesson does not answer, since a moment: declined questions grouped
 * by meaning (biggest first), the answers most often marked not helpful with their question, the
 * quiz questions most often missed with the wrong choice most picked, and checklist verdicts by
 * count. Built from {@link GapStore}; the text of questions whose text was not kept counts in
 * {@code declinedWithoutText}.
 */
public record GapReport(
    long since,
    int declinedTotal,
    List<DeclinedGroup> declined,
    int declinedWithoutText,
    List<Unhelpful> unhelpful,
    List<Missed> missed,
    List<Verdicts> verdicts) {

  /** How many groups, answers and quiz questions the report lists at most. */
  public static final int TOP = 10;
  /** The span a report covers when none is asked for. */
  public static final java.time.Duration DEFAULT_SPAN = java.time.Duration.ofDays(30);

  public GapReport {
    declined = List.copyOf(declined);
    unhelpful = List.copyOf(unhelpful);
    missed = List.copyOf(missed);
    verdicts = List.copyOf(verdicts);
  }

  /** Declined questions of one meaning: how many, the most typical one, the others. */
  public record DeclinedGroup(int count, String example, List<String> questions) {
    public DeclinedGroup {
      questions = List.copyOf(questions);
    }
  }

  /** Answers citing one passage, marked not helpful {@code count} times, after this question ("" when not kept). */
  public record Unhelpful(long count, String passageId, String question) {}

  /** A quiz question missed {@code wrong} times out of {@code answered}; the wrong choice picked most. */
  public record Missed(String questionId, String question, long wrong, long answered, String mostPicked,
                       long mostPickedCount) {}

  public record Verdicts(String verdict, long count) {}

  /** The report since {@code since} (epoch milliseconds), each list cut at {@link #TOP}. */
  public static GapReport build(GapStore store, QuizBank bank, QuestionGroups grouping, long since) {
    return build(store, bank, grouping, since, TOP);
  }

  /** The same with every declined group ({@code groups} at most), as the CSV wants; the other lists stop at {@link #TOP}. */
  public static GapReport build(GapStore store, QuizBank bank, QuestionGroups grouping, long since, int groupLimit) {
    Objects.requireNonNull(store, "store");
    List<GapStore.Gap> declinedRows = store.gaps(GapStore.DECLINED, since);
    List<String> texts = declinedRows.stream().map(GapStore.Gap::question).filter(Objects::nonNull).toList();
    List<DeclinedGroup> groups = texts.isEmpty() ? List.of() : grouping.group(texts).stream()
        .map(g -> new DeclinedGroup(g.size(), g.example(), g.questions()))
        .limit(groupLimit)
        .toList();

    Map<String, Unhelpful> unhelpful = new LinkedHashMap<>();
    for (GapStore.Gap gap : store.gaps(GapStore.UNHELPFUL, since)) {
      String question = gap.question() == null ? "" : gap.question();
      String key = gap.passageId() + "\u0000" + QuestionGroups.normal(question);
      Unhelpful was = unhelpful.get(key);
      unhelpful.put(key, new Unhelpful(was == null ? 1 : was.count() + 1, gap.passageId(),
          was == null ? question : was.question()));
    }
    List<Unhelpful> topUnhelpful = unhelpful.values().stream()
        .sorted(Comparator.comparingLong(Unhelpful::count).reversed()).limit(TOP).toList();

    Map<String, Long> right = new LinkedHashMap<>();
    store.quizRight(since).forEach(t -> right.put(t.key(), t.count()));
    Map<String, List<GapStore.Miss>> misses = new LinkedHashMap<>();
    store.quizMisses(since).forEach(m -> misses.computeIfAbsent(m.questionId(), k -> new ArrayList<>()).add(m));
    List<Missed> missed = new ArrayList<>();
    misses.forEach((id, list) -> {
      long wrong = list.stream().mapToLong(GapStore.Miss::count).sum();
      GapStore.Miss most = list.stream().max(Comparator.comparingLong(GapStore.Miss::count)
          .thenComparing(GapStore.Miss::choice, Comparator.reverseOrder())).orElseThrow();
      Optional<QuizQuestion> q = bank.question(id);
      String choice = q.filter(x -> most.choice() >= 0 && most.choice() < x.choices().size())
          .map(x -> x.choices().get(most.choice())).orElse("choice " + (most.choice() + 1));
      missed.add(new Missed(id, q.map(QuizQuestion::text).orElse("(no longer in the quiz bank)"), wrong,
          wrong + right.getOrDefault(id, 0L), choice, most.count()));
    });
    missed.sort(Comparator.comparingLong(Missed::wrong).reversed()
        .thenComparing(m -> (double) m.wrong() / m.answered(), Comparator.reverseOrder()));

    List<Verdicts> verdicts = store.verdicts(since).stream().map(t -> new Verdicts(t.key(), t.count())).toList();
    return new GapReport(since, declinedRows.size(), groups, declinedRows.size() - texts.size(), topUnhelpful,
        missed.stream().limit(TOP).toList(), verdicts);
  }
}
