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
   * As {@link #retrieve(String, int)}, with the lesson a conversation is about: in a course its
   * passages are weighed as those of the best-fitting lesson and a little above, when its words fit
   * the query at all, so a follow-up is answered from it whenever it covers the question. Null, an
   * unknown lesson, or a retriever of one lesson: the same as without it.
   */
  default List<ScoredPassage> retrieve(String query, int max, String lessonInFocus) {
    return retrieve(query, max);
  }

  /**
   * The ids of the lessons whose words cover every word of the topic (or a synonym of it), the
   * best-fitting first; at most {@code max}, possibly none. A retriever that cannot tell finds none.
   */
  default List<String> lessonsCovering(String topic, int max) {
    return List.of();
  }
}
