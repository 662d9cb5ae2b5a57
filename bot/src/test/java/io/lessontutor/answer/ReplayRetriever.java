package io.lessontutor.answer;

import io.lessontutor.knowledge.Passage;
import io.lessontutor.search.PassageRetriever;
import io.lessontutor.search.ScoredPassage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake of our own port: hands back, for each replay-set question, the real lesson passages the
 * set names for it (best first); nothing for any other question.
 */
public final class ReplayRetriever implements PassageRetriever {

  private final Map<String, List<Passage>> byQuestion = new HashMap<>();

  public ReplayRetriever(ReplaySet set) {
    for (ReplaySet.Case c : set.cases()) {
      byQuestion.put(c.question(), c.passages());
      c.hallucinated().forEach(h -> byQuestion.put(h.question(), c.passages()));
    }
  }

  @Override
  public List<ScoredPassage> retrieve(String query, int max) {
    List<ScoredPassage> out = new ArrayList<>();
    List<Passage> passages = byQuestion.getOrDefault(query, List.of());
    for (int i = 0; i < passages.size() && i < max; i++) {
      out.add(new ScoredPassage(passages.get(i), 1.0 / (i + 1), 0, 0));
    }
    return out;
  }

  /**
   * A fake extractive answerer over the same passages: answers with the best passage's text, and
   * refuses questions it has no passage for, the way the real one gates relevance.
   */
  public Answerer extractive() {
    return question -> {
      List<ScoredPassage> hits = retrieve(question.text(), LlmAnswerer.MAX_PASSAGES);
      if (hits.isEmpty()) {
        return new Answer(question.text(), "The lesson does not cover that.", Answer.Kind.REFUSED, List.of(), 0,
            LlmAnswerer.ANSWERER_EXTRACTIVE, null);
      }
      Passage best = hits.get(0).passage();
      return new Answer(question.text(), best.text(), Answer.Kind.ANSWERED, List.of(Source.of(best)), 0,
          LlmAnswerer.ANSWERER_EXTRACTIVE, null, "the replay set names passages for it",
          hits.stream().map(ScoredPassage::passage).toList());
    };
  }
}
