package io.lessontutor.search;

import java.util.List;

/**
 * Finds the lesson passages that best match a question. Implementations are thread-safe.
 */
public interface PassageRetriever {

  /**
   * The best passages for the query, best first; at most {@code max}, possibly none.
   * Never null; a blank query gives an empty list.
   */
  List<ScoredPassage> retrieve(String query, int max);

  /**
   * The ids of the lessons whose words cover every word of the topic (or a synonym of it), the
   * best-fitting first; at most {@code max}, possibly none. A retriever that cannot tell finds none.
   */
  default List<String> lessonsCovering(String topic, int max) {
    return List.of();
  }
}
