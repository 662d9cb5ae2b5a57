package io.lessontutor.quiz;

import io.lessontutor.store.PracticeStore;
import io.lessontutor.store.StoreException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * One person's quiz at their own pace: a first pass of up to {@value #SIZE} questions (those not
 * yet mastered first), then every missed question again, at the end of the queue, until it is
 * right. The score is the number right at the first try. Everything is saved as it happens, so a
 * session survives restarts and {@link #start} picks up an unfinished one.
 *
 * <p>Thread-safe, also across instances: each answer is one transaction whose first statement only
 * matches an unanswered queue item, so a double tap counts once, and a person has at most one
 * unfinished session (see {@link PracticeStore}).
 */
final class SoloPractice {

  /** Questions in a session's first pass, as in the lesson's end-of-lesson quiz. */
  static final int SIZE = 10;

  private final QuizBank bank;
  private final PracticeStore store;
  private final Clock clock;
  private final Random random;

  SoloPractice(QuizBank bank, PracticeStore store, Clock clock, Random random) {
    this.bank = bank;
    this.store = store;
    this.clock = clock;
    this.random = random;
  }

  /** Their unfinished session's next question, or the first question of a new session. */
  SoloQuestion start(String user) {
    Optional<SoloQuestion> current = current(user);
    if (current.isPresent()) {
      return current.get();
    }
    try {
      return create(user);
    } catch (StoreException e) {
      // A second "quiz me" at the same moment (another instance, a double tap) created theirs first.
      if (e.uniqueViolation()) {
        return current(user).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  private SoloQuestion create(String user) {
    String id = UUID.randomUUID().toString();
    // Read in a transaction of its own, so the writing one starts with its write: SQLite cannot
    // upgrade a read snapshot another writer has moved past (it fails at once instead of waiting).
    Set<String> mastered = new HashSet<>(store.transaction(tx -> tx.mastered(user)));
    List<QuizQuestion> fresh = new ArrayList<>();
    List<QuizQuestion> known = new ArrayList<>();
    bank.questions().forEach(q -> (mastered.contains(q.id()) ? known : fresh).add(q));
    Collections.shuffle(fresh, random);
    Collections.shuffle(known, random);
    fresh.addAll(known);
    List<String> picked = fresh.subList(0, Math.min(SIZE, fresh.size())).stream().map(QuizQuestion::id).toList();
    return store.transaction(tx -> {
      tx.createSession(id, user, picked, clock.millis());
      return next(tx, id, picked.size()).orElseThrow();
    });
  }

  /** The next question of their unfinished session, if they have one. */
  Optional<SoloQuestion> current(String user) {
    return store.transaction(tx -> {
      Optional<PracticeStore.Session> session = tx.openSession(user);
      return session.isEmpty() ? Optional.empty() : next(tx, session.get().id(), session.get().size());
    });
  }

  SoloFeedback answer(String user, String sessionId, int seq, int choice) {
    record Item(int size, String questionId) {}
    // Read first, in a transaction of its own: the writing one below must start with its write so
    // that SQLite never has to upgrade a read snapshot another writer has moved past.
    Item item = store.transaction(tx -> {
      PracticeStore.Session session = tx.session(sessionId).filter(s -> s.user().equals(user))
          .orElseThrow(() -> new IllegalArgumentException("no practice session " + sessionId + " for " + user));
      String questionId = tx.questionAt(sessionId, seq)
          .orElseThrow(() -> new IllegalArgumentException("practice session " + sessionId + " has no question " + seq));
      return new Item(session.size(), questionId);
    });
    String questionId = item.questionId();
    int size = item.size();
    QuizQuestion question = bank.question(questionId)
        .orElseThrow(() -> new IllegalArgumentException("question " + questionId + " is no longer in the bank"));
    if (!question.hasChoice(choice)) {
      throw new IllegalArgumentException("choice " + choice + " is not one of question " + questionId + "'s");
    }
    boolean right = question.isRight(choice);
    long now = clock.millis();
    return store.transaction(tx -> {
      if (!tx.answer(sessionId, seq, choice, right, now)) {
        return afterward(tx, user, sessionId, size, false, tx.choiceAt(sessionId, seq), question, false);
      }
      if (right) {
        tx.master(user, questionId, now);
      } else {
        tx.requeue(sessionId, questionId);
      }
      return afterward(tx, user, sessionId, size, true, choice, question, !right);
    });
  }

  SoloProgress progress(String user) {
    return store.transaction(tx -> {
      List<PracticeStore.Finished> finished = tx.finished(user);
      OptionalInt best = finished.isEmpty() ? OptionalInt.empty() : OptionalInt.of(finished.get(0).score());
      int outOf = finished.isEmpty() ? SIZE : finished.get(0).size();
      Set<String> mastered = new HashSet<>(tx.mastered(user));
      List<String> inBankOrder = bank.questions().stream().map(QuizQuestion::id).filter(mastered::contains).toList();
      return new SoloProgress(user, best, outOf, finished.size(), inBankOrder, bank.size(),
          tx.openSession(user).isPresent());
    });
  }

  private SoloFeedback afterward(PracticeStore.Tx tx, String user, String sessionId, int size, boolean counted,
      int choice, QuizQuestion question, boolean comesBack) throws SQLException {
    Optional<SoloQuestion> next = next(tx, sessionId, size);
    SoloSummary summary = next.isPresent() ? null : summary(tx, user, sessionId, size);
    return new SoloFeedback(counted, question.isRight(choice), choice, question, comesBack, next.orElse(null), summary);
  }

  /** The first unanswered item; skips questions that left the bank, and closes the session when none is left. */
  private Optional<SoloQuestion> next(PracticeStore.Tx tx, String sessionId, int size) throws SQLException {
    while (true) {
      Optional<PracticeStore.Item> item = tx.firstUnanswered(sessionId);
      if (item.isEmpty()) {
        tx.finish(sessionId, clock.millis());
        return Optional.empty();
      }
      PracticeStore.Item i = item.get();
      Optional<QuizQuestion> question = bank.question(i.questionId());
      if (question.isPresent()) {
        return Optional.of(new SoloQuestion(sessionId, i.seq(), question.get(), i.retry(), i.seq(), size, i.remaining()));
      }
      // The bank changed since the session began: that question cannot be asked any more.
      tx.answer(sessionId, i.seq(), -1, false, clock.millis());
    }
  }

  private SoloSummary summary(PracticeStore.Tx tx, String user, String sessionId, int size) throws SQLException {
    int score = 0;
    int bestBefore = -1;
    for (PracticeStore.Finished f : tx.finished(user)) {
      if (f.id().equals(sessionId)) {
        score = f.score();
      } else {
        bestBefore = Math.max(bestBefore, f.score());
      }
    }
    Set<String> mastered = new HashSet<>(tx.mastered(user));
    long inBank = bank.questions().stream().filter(q -> mastered.contains(q.id())).count();
    return new SoloSummary(score, size, Math.max(score, bestBefore), score > bestBefore, (int) inBank, bank.size());
  }
}
