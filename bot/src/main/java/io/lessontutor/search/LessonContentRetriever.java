package io.lessontutor.search;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.lessontutor.knowledge.Passage;
import java.util.List;
import java.util.Map;

/**
 * Offers a {@link PassageRetriever} to langchain4j's RAG pieces (for example a
 * {@code DefaultRetrievalAugmentor}). Each {@link Content} carries the passage's text and, as
 * metadata, its id, lesson and section; its score is the retriever's fused score.
 */
public final class LessonContentRetriever implements ContentRetriever {

  /** Metadata keys on every returned segment. */
  public static final String PASSAGE_ID = "passage_id";
  public static final String LESSON = "lesson";
  public static final String SECTION = "section";

  /** How many passages a query returns unless told otherwise. */
  public static final int DEFAULT_MAX_RESULTS = 3;

  private final PassageRetriever retriever;
  private final int maxResults;

  public LessonContentRetriever(PassageRetriever retriever, int maxResults) {
    this.retriever = retriever;
    this.maxResults = maxResults;
  }

  public LessonContentRetriever(PassageRetriever retriever) {
    this(retriever, DEFAULT_MAX_RESULTS);
  }

  @Override
  public List<Content> retrieve(Query query) {
    return retriever.retrieve(query.text(), maxResults).stream().map(LessonContentRetriever::content).toList();
  }

  private static Content content(ScoredPassage scored) {
    Passage p = scored.passage();
    Metadata metadata = new Metadata()
        .put(PASSAGE_ID, p.id())
        .put(LESSON, p.lessonTitle())
        .put(SECTION, p.section());
    return Content.from(TextSegment.from(p.text(), metadata), Map.of(ContentMetadata.SCORE, scored.score()));
  }
}
