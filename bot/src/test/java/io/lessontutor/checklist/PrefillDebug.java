package io.lessontutor.checklist;

import io.lessontutor.search.MiniLmEmbeddingModel;

/** Prints how the pre-fill reads a description, clause by clause: {@code java ... PrefillDebug "text"}. */
public final class PrefillDebug {
  public static void main(String[] args) {
    ClauseMatcher matcher = new ClauseMatcher(new MiniLmEmbeddingModel(), ClauseMatcher.DEFAULT_MIN_SIMILARITY);
    Prefill rules = new Prefill(Fixtures.CHECKLIST);
    for (String text : args) {
      System.out.println(text + "\n  mix: " + new Prefill(Fixtures.CHECKLIST, () -> matcher, Prefill.DEFAULT_MIX).read(text).values());
      for (var clause : Prefill.clauses(Prefill.normalize(text))) {
        System.out.println("  " + clause + " rules=" + rules.read(String.join(" ", clause)).values()
            + " emb=" + matcher.match(clause).map(m -> m.check() + "=" + m.answer().word() + String.format(" %.2f ", m.similarity()) + m.example()).orElse("-"));
        matcher.nearest(clause, ClauseMatcher.NEIGHBOURS).forEach(n -> System.out.println("      " + n));
      }
    }
  }
}
