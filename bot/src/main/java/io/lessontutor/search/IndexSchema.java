package io.lessontutor.search;

import io.lessontutor.knowledge.Passage;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/** The lesson index's fields, in one place. */
final class IndexSchema {

  /**
   * The passage's stable id (a lesson's, for the lesson's own document), indexed as it is and kept
   * as a doc value: opening the index reads every document's id, and doc values are read in a
   * few milliseconds where stored fields are decompressed block by block.
   */
  static final String ID = "id";
  /** The passage's text plus, for a related lesson, its title: what BM25 searches. */
  static final String BODY = "body";
  /** The section title, searched with a lower weight than the body. */
  static final String SECTION = "section";
  /** The passage's "also:" phrasings, searched by BM25 with a lower weight than the body. */
  static final String ASKED_AS = "asked_as";
  /** The embedding of the section title and passage text, or of one "also:" phrasing. */
  static final String VECTOR = "vector";
  /** The id of the lesson a document belongs to, so a changed lesson's documents are replaced together. */
  static final String LESSON = "lesson";
  /**
   * Every word of one lesson (titles, sections, passages, phrasings), in one document per lesson:
   * which lesson's own vocabulary fits a question best. A field of its own, so the passage fields'
   * statistics (BM25's document counts) are the same with or without it.
   */
  static final String LESSON_WORDS = "lesson_words";

  /** How much a match in the section title counts against one in the body. */
  static final float SECTION_BOOST = 0.3f;
  /** How much a match in the "also:" phrasings counts against one in the body. */
  static final float ASKED_AS_BOOST = 0.7f;

  private IndexSchema() {}

  /** The passage's document; {@code embedding} is null for plain BM25. */
  static Document document(Passage passage, float[] embedding) {
    Document doc = new Document();
    id(doc, passage.id());
    doc.add(new StringField(LESSON, passage.lessonId(), Field.Store.NO));
    doc.add(new TextField(BODY, searchableText(passage), Field.Store.NO));
    doc.add(new TextField(SECTION, passage.section(), Field.Store.NO));
    doc.add(new TextField(ASKED_AS, String.join(". ", passage.askedAs()), Field.Store.NO));
    if (embedding != null) {
      doc.add(new KnnFloatVectorField(VECTOR, embedding, VectorSimilarityFunction.COSINE));
    }
    return doc;
  }

  /** A vector-only document for one "also:" phrasing; a vector hit on it counts for its passage. */
  static Document phrasingDocument(Passage passage, float[] embedding) {
    Document doc = new Document();
    id(doc, passage.id());
    doc.add(new StringField(LESSON, passage.lessonId(), Field.Store.NO));
    doc.add(new KnnFloatVectorField(VECTOR, embedding, VectorSimilarityFunction.COSINE));
    return doc;
  }

  /**
   * The lesson's document: its id (stored under {@link #ID}, as a passage's is) and every word it
   * uses, for ranking lessons rather than passages. It has no passage field and no vector, so
   * passage searches never find it.
   */
  static Document lessonDocument(String lessonId, java.util.List<Passage> passages) {
    StringBuilder words = new StringBuilder(passages.isEmpty() ? "" : passages.get(0).lessonTitle());
    for (Passage p : passages) {
      words.append(". ").append(p.section()).append(". ").append(searchableText(p));
      p.askedAs().forEach(a -> words.append(". ").append(a));
    }
    Document doc = new Document();
    id(doc, lessonId);
    doc.add(new StringField(LESSON, lessonId, Field.Store.NO));
    doc.add(new TextField(LESSON_WORDS, words.toString(), Field.Store.NO));
    return doc;
  }

  private static void id(Document doc, String id) {
    doc.add(new StringField(ID, id, Field.Store.YES));
    doc.add(new SortedDocValuesField(ID, new BytesRef(id)));
  }

  static String searchableText(Passage passage) {
    // a related-lesson passage is found by "which lesson covers …?": say that it is one
    return passage.relatedLesson() == null ? passage.text() : "Related lesson: " + passage.relatedLesson() + ". " + passage.text();
  }

  /** What the embedding model reads for a passage: its section gives a bullet its context. */
  static String embeddedText(Passage passage) {
    return passage.section() + ": " + searchableText(passage);
  }

  /** Lucene's COSINE vector score is (1 + cos) / 2; this turns it back into the cosine. */
  static double cosineFromScore(float score) {
    return 2.0 * score - 1.0;
  }
}
