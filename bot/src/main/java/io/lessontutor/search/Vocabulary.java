package io.lessontutor.search;

import java.util.List;

/** What words the lessons use, for deciding whether a question is about them. Thread-safe. */
public interface Vocabulary {

  /** The share (0 to 1) of the question's content words that the lessons use, directly or through a synonym. */
  double coverage(String question);

  /** The question's content words (stemmed) that the lessons never use. */
  List<String> unknownTerms(String question);

  /** The text's content words as the index sees them: lower-cased, stop words dropped, stemmed. */
  List<String> contentTerms(String text);

  /** The text's content terms that can say what it is about: numbers and neutral words left out, "fine tune" one term. */
  default List<String> topicTerms(String text) {
    return contentTerms(text);
  }

  /**
   * The question's words, as typed and lower-cased, that the lessons never use and that are not
   * everyday English either: names of models, tools and methods ("qlora", "vllm", "7b").
   */
  List<String> specificUnknownWords(String question);

  /**
   * The text with each misspelt lesson word put right ("promt engineering" reads "prompt
   * engineering"): a word of four letters or more that is neither the lessons' nor everyday
   * English, one letter added, dropped, changed or swapped from a lesson term with the same first
   * letter (two such edits for a longer word), when only one term is that close. Everything else is
   * left as typed.
   */
  default String corrected(String text) {
    return text;
  }

  /** The text's content terms and their synonyms' ("data" gives "dataset" too), stemmed as the index stems them. */
  default List<String> termsWithSynonyms(String text) {
    return contentTerms(text);
  }

  /**
   * As {@link #termsWithSynonyms}, through the synonyms that name things only ("retrieval
   * augmented generation" gives "rag"; "cost" does not give "expensive").
   */
  default List<String> termsWithNameSynonyms(String text) {
    return contentTerms(text);
  }

  /** True when the lessons use the stemmed term, directly or through a synonym. */
  boolean knows(String term);

  /** True when the lessons use the stemmed term or a word of the same root. */
  boolean knowsRoot(String term);

  /**
   * True for a term, as {@link #contentTerms} makes it, that only chat says ("realli" of "really",
   * "lol"), or that holds no letter or digit (an emoji): it says nothing of a topic.
   */
  default boolean isChatTerm(String term) {
    return isChatWord(term) || term.codePoints().noneMatch(Character::isLetterOrDigit);
  }

  /** True for a word people type in chat that no dictionary lists ("pls", "nah", "wtf"). */
  static boolean isChatWord(String word) {
    return LessonVocabulary.CHAT_WORDS.contains(word);
  }
}
