package io.lessontutor.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.Bits;

/**
 * BM25's statistics for one lesson at a time: how many of the lesson's passages have a field,
 * how long they are, and how many of them use a term. Searched with these, a lesson's passages
 * score as they would if the lesson were served alone, so its ranking, and the BM25 bar of the
 * answer gate, do not drift as other lessons are added beside it. Read once from the index's
 * postings (deleted documents left out), or from what the index's commit recorded of them
 * ({@link #of}); immutable and thread-safe.
 */
final class LessonStatistics {

  /** The passage fields BM25 searches; every other field keeps the index's own statistics. */
  static final List<String> FIELDS = List.of(IndexSchema.BODY, IndexSchema.SECTION, IndexSchema.ASKED_AS);

  private final DirectoryReader reader;
  /** Each lesson's live passage documents, ascending. */
  private final Map<String, int[]> docsByLesson;
  /** Per lesson, per field of {@link #FIELDS}: documents with the field, sum of term frequencies, sum of document frequencies. */
  private final Map<String, long[][]> fieldStats;

  /** The commit-data key prefix under which {@link #recorded} keeps a lesson's statistics. */
  static final String KEY = "stats:";

  /**
   * @param lessonByDoc the lesson of each document, null for a document no lesson's passage
   *     search reads (a lesson's own document)
   */
  LessonStatistics(DirectoryReader reader, String[] lessonByDoc) {
    this(reader, lessonByDoc, counted(reader, lessonByDoc));
  }

  private LessonStatistics(DirectoryReader reader, String[] lessonByDoc, Map<String, long[][]> stats) {
    this.reader = reader;
    Map<String, List<Integer>> docs = new HashMap<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
        String lesson = lessonByDoc[leaf.docBase + doc];
        if (lesson != null && (live == null || live.get(doc))) {
          docs.computeIfAbsent(lesson, k -> new ArrayList<>()).add(leaf.docBase + doc);
        }
      }
    }
    Map<String, int[]> byLesson = new HashMap<>();
    docs.forEach((lesson, list) -> byLesson.put(lesson, list.stream().mapToInt(Integer::intValue).toArray()));
    this.docsByLesson = Map.copyOf(byLesson);
    this.fieldStats = Map.copyOf(stats);
  }

  /**
   * The statistics as {@link #recorded} in the index's commit data when they are there for every
   * lesson and agree with the index's documents; otherwise read from the postings (an index written
   * in memory records none). Reading them costs a pass over every term of every passage, a large
   * part of opening a big index.
   */
  static LessonStatistics of(DirectoryReader reader, String[] lessonByDoc, Map<String, String> commitData) {
    Map<String, long[][]> stats = new HashMap<>();
    for (Map.Entry<String, String> e : commitData.entrySet()) {
      if (e.getKey().startsWith(KEY)) {
        stats.put(e.getKey().substring(KEY.length()), parse(e.getValue()));
      }
    }
    LessonStatistics documents = new LessonStatistics(reader, lessonByDoc, Map.of());
    boolean whole = !stats.isEmpty() && stats.keySet().equals(documents.docsByLesson.keySet())
        && stats.entrySet().stream().allMatch(e -> e.getValue() != null
            && e.getValue()[FIELDS.size()][0] == documents.docsByLesson.get(e.getKey()).length);
    if (!whole) {
      return new LessonStatistics(reader, lessonByDoc);
    }
    stats.replaceAll((lesson, s) -> java.util.Arrays.copyOf(s, FIELDS.size()));
    return new LessonStatistics(reader, lessonByDoc, stats);
  }

  /**
   * What {@link #of} reads back: for each lesson, its field statistics and its number of live
   * documents ("docs-with-field,sum-of-term-frequencies,sum-of-document-frequencies;…;documents").
   */
  Map<String, String> recorded() {
    Map<String, String> out = new HashMap<>();
    docsByLesson.forEach((lesson, docs) -> {
      long[][] s = fieldStats.getOrDefault(lesson, new long[FIELDS.size()][3]);
      StringBuilder value = new StringBuilder();
      for (long[] field : s) {
        value.append(field[0]).append(',').append(field[1]).append(',').append(field[2]).append(';');
      }
      out.put(KEY + lesson, value.append(docs.length).toString());
    });
    return out;
  }

  /** A recorded value, with the documents' count as one more row; null when it is not one. */
  private static long[][] parse(String value) {
    String[] fields = value.split(";");
    if (fields.length != FIELDS.size() + 1) {
      return null;
    }
    long[][] out = new long[FIELDS.size() + 1][3];
    try {
      for (int f = 0; f < FIELDS.size(); f++) {
        String[] n = fields[f].split(",");
        if (n.length != 3) {
          return null;
        }
        for (int i = 0; i < 3; i++) {
          out[f][i] = Long.parseLong(n[i]);
        }
      }
      out[FIELDS.size()][0] = Long.parseLong(fields[FIELDS.size()]);
    } catch (NumberFormatException e) {
      return null;
    }
    return out;
  }

  /** The statistics read from the postings of every term of the passage fields. */
  private static Map<String, long[][]> counted(DirectoryReader reader, String[] lessonByDoc) {
    Map<String, long[][]> stats = new HashMap<>();
    try {
      for (int f = 0; f < FIELDS.size(); f++) {
        for (LeafReaderContext leaf : reader.leaves()) {
          Terms terms = leaf.reader().terms(FIELDS.get(f));
          if (terms == null) {
            continue;
          }
          Bits live = leaf.reader().getLiveDocs();
          boolean[] hasField = new boolean[leaf.reader().maxDoc()];
          TermsEnum it = terms.iterator();
          PostingsEnum postings = null;
          while (it.next() != null) {
            postings = it.postings(postings, PostingsEnum.FREQS);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
              String lesson = lessonByDoc[leaf.docBase + doc];
              if (lesson == null || live != null && !live.get(doc)) {
                continue;
              }
              long[] s = stats.computeIfAbsent(lesson, k -> new long[FIELDS.size()][3])[f];
              s[1] += postings.freq();
              s[2]++;
              if (!hasField[doc]) {
                hasField[doc] = true;
                s[0]++;
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the lesson index's statistics", e);
    }
    return stats;
  }

  /** A searcher that scores with this lesson's statistics; use it only for the lesson's own documents. */
  IndexSearcher searcher(String lesson, Similarity similarity) {
    IndexSearcher searcher = new IndexSearcher(reader) {
      @Override
      public CollectionStatistics collectionStatistics(String field) throws IOException {
        int f = FIELDS.indexOf(field);
        long[][] s = fieldStats.get(lesson);
        if (f < 0 || s == null || s[f][0] == 0) {
          return super.collectionStatistics(field);
        }
        return new CollectionStatistics(field, docsByLesson.get(lesson).length, s[f][0], s[f][1], s[f][2]);
      }

      @Override
      public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) throws IOException {
        if (!FIELDS.contains(term.field())) {
          return super.termStatistics(term, docFreq, totalTermFreq);
        }
        long[] local = termInLesson(term, lesson);
        // a term the lesson never uses matches none of its documents; BM25 only needs a valid value
        return new TermStatistics(term.bytes(), Math.max(1, local[0]), Math.max(Math.max(1, local[0]), local[1]));
      }
    };
    searcher.setSimilarity(similarity);
    return searcher;
  }

  /** How many of the lesson's documents use the term, and how often in all. */
  private long[] termInLesson(Term term, String lesson) throws IOException {
    int[] docs = docsByLesson.getOrDefault(lesson, new int[0]);
    long docFreq = 0;
    long total = 0;
    int next = 0;
    for (LeafReaderContext leaf : reader.leaves()) {
      int end = leaf.docBase + leaf.reader().maxDoc();
      if (next >= docs.length || docs[next] >= end) {
        continue;
      }
      Terms terms = leaf.reader().terms(term.field());
      TermsEnum it = terms == null ? null : terms.iterator();
      if (it == null || !it.seekExact(term.bytes())) {
        while (next < docs.length && docs[next] < end) {
          next++;
        }
        continue;
      }
      PostingsEnum postings = it.postings(null, PostingsEnum.FREQS);
      int at = -1;
      for (; next < docs.length && docs[next] < end; next++) {
        int doc = docs[next] - leaf.docBase;
        if (at < doc) {
          at = postings.advance(doc);
        }
        if (at == DocIdSetIterator.NO_MORE_DOCS) {
          while (next < docs.length && docs[next] < end) {
            next++;
          }
          break;
        }
        if (at == doc) {
          docFreq++;
          total += postings.freq();
        }
      }
    }
    return new long[] {docFreq, total};
  }

  /** The lesson's live documents, ascending. */
  int[] documents(String lesson) {
    return docsByLesson.getOrDefault(lesson, new int[0]);
  }
}
