package io.lessontutor.search;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.lessontutor.knowledge.LessonFileParser;
import io.lessontutor.knowledge.Passage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.QueryBuilder;

/**
 * Retrieves passages from a Lucene index (in memory, or on disk through {@link IndexFolder}):
 * first the lessons in focus (those whose own words fit the question best and, in hybrid mode,
 * those of its nearest vectors), then their passages, by BM25 over the English-analyzed text with
 * the field's synonyms, scored with each lesson's own statistics, and in hybrid mode by exact
 * cosine similarity, the two fused ({@link Fusion}) and weighed by how well each lesson fits.
 * Built once; thread-safe for searching.
 */
public final class LucenePassageRetriever implements PassageRetriever, AutoCloseable {

  /**
   * How many lessons are in focus for a question: those whose own vocabulary fits it best (BM25
   * over one document per lesson). Only their passages are ranked, each scored by BM25 with its
   * own lesson's statistics ({@link LessonStatistics}) and, in hybrid mode, by its exact similarity:
   * a lesson's passages are not crowded out by a thousand other lessons sharing its words, rank
   * among themselves as they do when the lesson is served alone, and a search costs about the
   * same at 1,596 lessons as at one.
   */
  static final int FOCUS_LESSONS = 3;
  /**
   * The lessons of this many of the vector search's nearest passages are in focus too: a question
   * may share no word with the lesson that answers it.
   */
  static final int VECTOR_LESSONS = 2;
  /**
   * How many passages' worth of neighbours the vector search asks for: more than it uses, since
   * the approximate search is better at finding the nearest among a few dozen.
   */
  static final int VECTOR_NEIGHBOURS = 20;
  /**
   * How much a passage's score gives way for a lesson that fits the question less well than the
   * best-fitting one: its score times {@code 1 - FOCUS_WEIGHT * (1 - fit / best fit)}. With one
   * lesson, or when no lesson fits, nothing changes.
   */
  static final double FOCUS_WEIGHT = 0.5;
  /**
   * The lift of the lesson a conversation is about ({@link #retrieve(String, int, String)}): enough
   * to win a tie with another lesson that says the same, not enough for a weak match of its own to
   * beat a lesson that plainly answers the question.
   */
  static final double PREFERRED_LESSON = 1.15;
  /**
   * Lesson fit does not grow with the length of a lesson (BM25's b = 0): a lesson of 30 passages
   * fits a question no worse than one of 12 for using more words besides.
   */
  private static final org.apache.lucene.search.similarities.Similarity LESSON_FIT =
      new org.apache.lucene.search.similarities.BM25Similarity(1.2f, 0f);

  /**
   * The most words of a question that reach the analyzers and the embedding model. Slack allows
   * 40,000 characters; Lucene's synonym graph recurses once per token, and the embedding model's
   * cost grows with every token. A question's point is in its first sentences: the longest
   * situation of the question sets has 27 words.
   */
  public static final int MAX_QUERY_WORDS = 48;
  private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
  /** Score factor of a glossary entry for a question that asks what something means. */
  static final double DEFINITION_PRIOR = 1.3;
  /** Score factor of a glossary entry for any other question. */
  static final double GLOSSARY_PRIOR = 0.6;

  private final Map<String, Passage> passages = new HashMap<>();
  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final Analyzer queryAnalyzer = LessonAnalyzers.querying();
  private final Analyzer indexAnalyzer = LessonAnalyzers.indexing();
  private final EmbeddingModel embeddings;
  private final Fusion fusion;
  private final LessonVocabulary vocabulary;
  /** How many retrievals this retriever has run, for tests that count the work per question. */
  private final java.util.concurrent.atomic.AtomicLong retrievals = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong embeddingCalls = new java.util.concurrent.atomic.AtomicLong();
  /** How many vector documents the vector search asks for. */
  private final int vectorCandidates;
  /** The ids of each lesson's passages, for the lessons in focus. */
  private final Map<String, List<String>> passagesByLesson = new HashMap<>();
  private final LessonStatistics statistics;
  private final org.apache.lucene.search.similarities.Similarity passageSimilarity;
  /**
   * Each passage's vectors (its text and its phrasings), read back from the index, so every
   * passage of the lessons in focus gets its exact similarity to the question, not a 0 when the
   * approximate vector search happened to miss it.
   */
  private final Map<String, List<float[]>> vectorsById;
  /** The passage id of each Lucene document, read once: loading stored fields per hit is the slow part of a search. */
  private final String[] idByDoc;

  /**
   * Indexes the passages.
   *
   * @param embeddings the embedding model for hybrid retrieval, or null for plain BM25
   * @param fusion how to merge the two rankings; ignored for plain BM25
   */
  public LucenePassageRetriever(List<Passage> passages, EmbeddingModel embeddings, Fusion fusion) {
    this(inMemory(passages, embeddings), passages, embeddings, fusion);
  }

  /**
   * Searches an index already written to {@code directory} (see {@link IndexFolder}) for these
   * passages; closing the retriever closes the directory.
   */
  public LucenePassageRetriever(Directory directory, List<Passage> passages, EmbeddingModel embeddings, Fusion fusion) {
    this(directory, passages, embeddings, fusion, words -> { });
  }

  /**
   * The same, handing the lessons' vocabulary to {@code vocabularyRead} (on a thread of its own) as
   * soon as it is read, while the rest of the index is still being opened: what needs only the
   * vocabulary (the answerer) can be built meanwhile.
   */
  public LucenePassageRetriever(Directory directory, List<Passage> passages, EmbeddingModel embeddings, Fusion fusion,
                                java.util.function.Consumer<LessonVocabulary> vocabularyRead) {
    this.directory = directory;
    this.embeddings = embeddings;
    this.fusion = fusion;
    passages.forEach(p -> this.passages.put(p.id(), p));
    passages.forEach(p -> passagesByLesson.computeIfAbsent(p.lessonId(), k -> new ArrayList<>()).add(p.id()));
    try {
      reader = DirectoryReader.open(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the lesson index", e);
    }
    searcher = new IndexSearcher(reader);
    passageSimilarity = searcher.getSimilarity();
    searcher.setSimilarity(new org.apache.lucene.search.similarities.PerFieldSimilarityWrapper() {
      @Override
      public org.apache.lucene.search.similarities.Similarity get(String field) {
        return field.equals(IndexSchema.LESSON_WORDS) ? LESSON_FIT : passageSimilarity;
      }
    });
    // the lessons' vocabulary is read on another core while the documents' ids, vectors and statistics are
    java.util.concurrent.Executor ownThread = task -> {
      // a thread of its own: on two cores the common pool has one worker, which may be busy
      Thread thread = new Thread(task, "lesson-vocabulary");
      thread.setDaemon(true);
      thread.start();
    };
    java.util.concurrent.CompletableFuture<LessonVocabulary> words =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> new LessonVocabulary(reader, indexAnalyzer), ownThread);
    words.thenAcceptAsync(vocabularyRead, ownThread);
    idByDoc = ids(reader);
    vectorsById = embeddings == null ? Map.of() : readVectors();
    // phrasings add vector documents: a passage may be found several times over
    int vectorDocuments = vectorsById.values().stream().mapToInt(List::size).sum();
    int documentsPerPassage = vectorsById.isEmpty() ? 1 : (vectorDocuments + vectorsById.size() - 1) / vectorsById.size();
    vectorCandidates = VECTOR_NEIGHBOURS * documentsPerPassage;
    try {
      statistics = LessonStatistics.of(reader, lessonByDoc(idByDoc, this.passages), reader.getIndexCommit().getUserData());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the lesson index's commit", e);
    }
    try {
      vocabulary = words.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Hybrid retrieval with the default fusion. */
  public static LucenePassageRetriever hybrid(List<Passage> passages, EmbeddingModel embeddings) {
    return new LucenePassageRetriever(passages, embeddings, Fusion.WEIGHTED);
  }

  /** Plain BM25, the baseline. */
  public static LucenePassageRetriever bm25(List<Passage> passages) {
    return new LucenePassageRetriever(passages, null, Fusion.RRF);
  }

  private static Directory inMemory(List<Passage> passages, EmbeddingModel embeddings) {
    Directory directory = new ByteBuffersDirectory();
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(LessonAnalyzers.indexing()))) {
      addDocuments(writer, passages, embeddings);
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the lesson index", e);
    }
    return directory;
  }

  /**
   * Indexes the passages (and, for hybrid retrieval, embeds them and their phrasings), and one
   * document per lesson with all its words.
   */
  static void addDocuments(IndexWriter writer, List<Passage> passages, EmbeddingModel embeddings) throws IOException {
    Map<String, List<Passage>> byLesson = new java.util.LinkedHashMap<>();
    passages.forEach(p -> byLesson.computeIfAbsent(p.lessonId(), k -> new ArrayList<>()).add(p));
    for (Map.Entry<String, List<Passage>> lesson : byLesson.entrySet()) {
      writer.addDocument(IndexSchema.lessonDocument(lesson.getKey(), lesson.getValue()));
    }
    List<float[]> vectors = embeddings == null ? null
        : embedTexts(embeddings, passages.stream().map(IndexSchema::embeddedText).toList());
    for (int i = 0; i < passages.size(); i++) {
      writer.addDocument(IndexSchema.document(passages.get(i), vectors == null ? null : vectors.get(i)));
    }
    if (embeddings != null) {
      for (Passage p : passages) {
        for (float[] v : embedTexts(embeddings, p.askedAs())) {
          writer.addDocument(IndexSchema.phrasingDocument(p, v));
        }
      }
    }
  }

  public boolean hybrid() {
    return embeddings != null;
  }

  /** The words the indexed lessons use. */
  public LessonVocabulary vocabulary() {
    return vocabulary;
  }

  /** How many times {@link #retrieve} has searched, since this retriever was built. */
  public long retrievals() {
    return retrievals.get();
  }

  /** How many questions this retriever has embedded, since it was built. */
  public long embeddings() {
    return embeddingCalls.get();
  }

  /** The first {@value #MAX_QUERY_WORDS} words of the text: all that retrieval reads of a question. */
  public static String bounded(String text) {
    String stripped = text.strip();
    // counted without the pattern first: the gate's start-up reads every passage through here
    int words = stripped.isEmpty() ? 0 : 1;
    for (int i = 1; i < stripped.length() && words <= MAX_QUERY_WORDS; i++) {
      if (isSpace(stripped.charAt(i)) && !isSpace(stripped.charAt(i - 1))) {
        words++;
      }
    }
    if (words <= MAX_QUERY_WORDS) {
      return stripped;
    }
    return cut(stripped);
  }

  /** What {@code \\s} matches. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static String cut(String stripped) {
    String[] words = WHITESPACE.split(stripped, MAX_QUERY_WORDS + 1);
    return words.length <= MAX_QUERY_WORDS ? stripped : String.join(" ", java.util.Arrays.copyOf(words, MAX_QUERY_WORDS));
  }

  @Override
  public List<ScoredPassage> retrieve(String query, int max) {
    return retrieve(query, max, null);
  }

  @Override
  public List<ScoredPassage> retrieve(String query, int max, String lessonInFocus) {
    if (query == null || query.isBlank() || max <= 0) {
      return List.of();
    }
    retrievals.incrementAndGet();
    query = bounded(query);
    try {
      // one lesson is always in focus, and its own statistics are the index's
      Map<String, Double> fit = new java.util.LinkedHashMap<>(passagesByLesson.size() == 1
          ? Map.of(passagesByLesson.keySet().iterator().next(), 1.0) : lessonFit(query, FOCUS_LESSONS));
      String preferred = passagesByLesson.size() > 1 && lessonInFocus != null
          && passagesByLesson.containsKey(lessonInFocus) ? lessonInFocus : null;
      if (preferred != null && !fit.containsKey(preferred)) {
        fit.put(preferred, lessonFitOf(query, preferred));
      }
      float[] vector = null;
      if (embeddings != null) {
        embeddingCalls.incrementAndGet();
        vector = embeddings.embed(query).content().vector();
        TopDocs nearest = searcher.search(new KnnFloatVectorQuery(IndexSchema.VECTOR, vector, vectorCandidates), vectorCandidates);
        Set<String> near = new HashSet<>();
        for (ScoreDoc hit : nearest.scoreDocs) {
          Passage p = passages.get(idByDoc[hit.doc]);
          if (p != null && near.size() < VECTOR_LESSONS && near.add(p.id())) {
            fit.putIfAbsent(p.lessonId(), 0.0);
          }
        }
      }
      // rewritten once (synonyms and all), then searched lesson by lesson
      Query words = searcher.rewrite(bm25Query(query));
      Map<String, Double> bm25 = new HashMap<>();
      for (String lesson : fit.keySet()) {
        bm25.putAll(rankedWithin(words, lesson));
      }
      Focus focus = new Focus(fit, Intent.of(query), preferred);
      if (embeddings == null) {
        return bm25.entrySet().stream()
            .map(e -> new ScoredPassage(passages.get(e.getKey()),
                e.getValue() * focus.prior(passages.get(e.getKey())), e.getValue(), ScoredPassage.NO_SIMILARITY))
            .sorted(Comparator.comparingDouble(ScoredPassage::score).reversed()
                .thenComparing(s -> s.passage().id()))
            .limit(max)
            .toList();
      }
      // every passage of the lessons in focus, with its exact similarity
      Map<String, Double> cosine = new HashMap<>();
      for (String lesson : fit.keySet()) {
        for (String id : passagesByLesson.getOrDefault(lesson, List.of())) {
          cosine.put(id, similarity(id, vector));
        }
      }
      return fuse(bm25, cosine, max, focus);
    } catch (IOException e) {
      throw new UncheckedIOException("search failed", e);
    }
  }

  /**
   * The lessons whose own words fit the text best, best first, with their fit (BM25 over one
   * document per lesson, not weighed by the lesson's length); at most {@code max}, none when no
   * lesson shares a word with it.
   */
  public Map<String, Double> lessonFit(String text, int max) {
    Query query = lessonWords(text, BooleanClause.Occur.SHOULD);
    if (query == null || max <= 0) {
      return Map.of();
    }
    try {
      Map<String, Double> fit = new java.util.LinkedHashMap<>();
      for (ScoreDoc hit : searcher.search(query, max).scoreDocs) {
        fit.put(idByDoc[hit.doc], (double) hit.score);
      }
      return fit;
    } catch (IOException e) {
      throw new UncheckedIOException("search failed", e);
    }
  }

  /** One lesson's fit to the text (as {@link #lessonFit}), 0 when it shares no word with it. */
  private double lessonFitOf(String text, String lesson) throws IOException {
    Query words = lessonWords(text, BooleanClause.Occur.SHOULD);
    if (words == null) {
      return 0;
    }
    ScoreDoc[] hits = searcher.search(withinLesson(words, lesson), 1).scoreDocs;
    return hits.length == 0 ? 0 : hits[0].score;
  }

  @Override
  public List<String> lessonsCovering(String topic, int max) {
    Query query = topic == null || topic.isBlank() ? null
        : lessonWords(topic, BooleanClause.Occur.MUST);
    if (query == null || max <= 0) {
      return List.of();
    }
    try {
      List<String> out = new ArrayList<>();
      for (ScoreDoc hit : searcher.search(query, max).scoreDocs) {
        out.add(idByDoc[hit.doc]);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("search failed", e);
    }
  }

  /** A query on the words of whole lessons (one document per lesson), or null when the text has none. */
  private Query lessonWords(String text, BooleanClause.Occur occur) {
    return new QueryBuilder(queryAnalyzer).createBooleanQuery(IndexSchema.LESSON_WORDS, bounded(text), occur);
  }

  /** {@code words}, matched only by documents of this lesson. */
  private static Query withinLesson(Query words, String lesson) {
    return new BooleanQuery.Builder()
        .add(words, BooleanClause.Occur.MUST)
        .add(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(IndexSchema.LESSON, lesson)),
            BooleanClause.Occur.FILTER)
        .build();
  }

  /** BM25 scores of the lesson's passages that match the query, with the lesson's own statistics. */
  private Map<String, Double> rankedWithin(Query words, String lesson) throws IOException {
    int size = statistics.documents(lesson).length;
    if (size == 0) {
      return Map.of();
    }
    // one lesson: the index's own statistics are the lesson's
    TopDocs top = passagesByLesson.size() == 1 ? searcher.search(words, size)
        : statistics.searcher(lesson, passageSimilarity).search(withinLesson(words, lesson), size);
    Map<String, Double> scores = new HashMap<>();
    for (ScoreDoc hit : top.scoreDocs) {
      scores.merge(idByDoc[hit.doc], (double) hit.score, Math::max);
    }
    return scores;
  }

  private List<ScoredPassage> fuse(Map<String, Double> bm25, Map<String, Double> cosine, int max, Focus focus) {
    Map<String, Integer> bm25Rank = ranks(bm25);
    Map<String, Integer> cosineRank = ranks(cosine);
    // BM25 with a lesson's own statistics ranks that lesson's passages: it is scaled by the best of the
    // same lesson, and the lessons are weighed against each other by their fit (the focus prior)
    Map<String, Double> bestBm25 = new HashMap<>();
    bm25.forEach((id, b) -> bestBm25.merge(passages.get(id).lessonId(), b, Math::max));
    Set<String> ids = new HashSet<>(bm25.keySet());
    ids.addAll(cosine.keySet());
    List<ScoredPassage> fused = new ArrayList<>();
    for (String id : ids) {
      double b = bm25.getOrDefault(id, 0.0);
      double c = cosine.getOrDefault(id, 0.0);
      double score = switch (fusion) {
        case RRF -> reciprocal(bm25Rank.get(id)) + reciprocal(cosineRank.get(id));
        case WEIGHTED -> {
          double best = bestBm25.getOrDefault(passages.get(id).lessonId(), 0.0);
          yield Fusion.BM25_WEIGHT * (best > 0 ? b / best : 0) + (1 - Fusion.BM25_WEIGHT) * c;
        }
      };
      fused.add(new ScoredPassage(passages.get(id), score * focus.prior(passages.get(id)), b, c));
    }
    fused.sort(Comparator.comparingDouble(ScoredPassage::score).reversed()
        .thenComparing(s -> s.passage().id()));
    return List.copyOf(fused.subList(0, Math.min(max, fused.size())));
  }

  /** What the question's wording says about the passages it wants. */
  private record Intent(boolean definitional, boolean aboutTheLesson) {
    static Intent of(String query) {
      return new Intent(QuestionIntent.isDefinitional(query), QuestionIntent.isAboutTheLesson(query));
    }
  }

  /**
   * What a passage's score is multiplied by: its kind's prior for the question, and its lesson's
   * fit. The conversation's lesson, when its words fit the question at all, counts as the best fit
   * and {@value #PREFERRED_LESSON} times that.
   */
  private record Focus(Map<String, Double> fit, double best, Intent intent, String preferred) {
    Focus(Map<String, Double> fit, Intent intent, String preferred) {
      this(fit, fit.values().stream().mapToDouble(Double::doubleValue).max().orElse(0), intent, preferred);
    }

    double prior(Passage passage) {
      double own = fit.getOrDefault(passage.lessonId(), 0.0);
      double lesson = passage.lessonId().equals(preferred) && own > 0 ? PREFERRED_LESSON
          : best <= 0 ? 1 : 1 - FOCUS_WEIGHT * (1 - own / best);
      return lesson * LucenePassageRetriever.prior(passage, intent);
    }
  }

  /**
   * Glossary entries restate the lesson in definitions: they should win "what is X?" questions
   * and give way to the lesson's own passages for everything else. The page header ("Lesson 657
   * of 1596 · … · ~24 min read") says "lesson" and little else, so it waits to be asked for.
   */
  private static double prior(Passage passage, Intent intent) {
    if (passage.kind() == Passage.Kind.TERM) {
      return intent.definitional() ? DEFINITION_PRIOR : GLOSSARY_PRIOR;
    }
    if (passage.section().equals(LessonFileParser.ABOUT_SECTION)) {
      return intent.aboutTheLesson() ? 1.0 : GLOSSARY_PRIOR;
    }
    return 1.0;
  }

  private static double reciprocal(Integer rank) {
    return rank == null ? 0 : 1.0 / (Fusion.RRF_K + rank);
  }

  private static Map<String, Integer> ranks(Map<String, Double> scores) {
    List<String> order = scores.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .map(Map.Entry::getKey)
        .toList();
    Map<String, Integer> ranks = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      ranks.put(order.get(i), i + 1);
    }
    return ranks;
  }

  private Query bm25Query(String query) {
    QueryBuilder builder = new QueryBuilder(queryAnalyzer);
    BooleanQuery.Builder both = new BooleanQuery.Builder();
    Query body = builder.createBooleanQuery(IndexSchema.BODY, query, BooleanClause.Occur.SHOULD);
    Query section = builder.createBooleanQuery(IndexSchema.SECTION, query, BooleanClause.Occur.SHOULD);
    Query askedAs = builder.createBooleanQuery(IndexSchema.ASKED_AS, query, BooleanClause.Occur.SHOULD);
    if (askedAs != null) {
      both.add(new BoostQuery(askedAs, IndexSchema.ASKED_AS_BOOST), BooleanClause.Occur.SHOULD);
    }
    if (body != null) {
      both.add(body, BooleanClause.Occur.SHOULD);
    }
    if (section != null) {
      both.add(new BoostQuery(section, IndexSchema.SECTION_BOOST), BooleanClause.Occur.SHOULD);
    }
    return both.build();
  }

  /** The best cosine of the question's vector with any of the passage's vectors. */
  private double similarity(String id, float[] question) {
    double best = 0;
    for (float[] v : vectorsById.getOrDefault(id, List.of())) {
      best = Math.max(best, IndexSchema.cosineFromScore(VectorSimilarityFunction.COSINE.compare(question, v)));
    }
    return best;
  }

  private Map<String, List<float[]>> readVectors() {
    Map<String, List<float[]>> out = new HashMap<>();
    try {
      for (LeafReaderContext leaf : reader.leaves()) {
        FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexSchema.VECTOR);
        if (values == null) {
          continue;
        }
        org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          out.computeIfAbsent(idByDoc[leaf.docBase + doc], k -> new ArrayList<>()).add(values.vectorValue().clone());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the index's vectors", e);
    }
    return out;
  }

  /** The lesson of each document's passage; null for a lesson's own document, which no passage search reads. */
  static String[] lessonByDoc(String[] idByDoc, Map<String, Passage> passages) {
    String[] lessonByDoc = new String[idByDoc.length];
    for (int doc = 0; doc < idByDoc.length; doc++) {
      Passage p = idByDoc[doc] == null ? null : passages.get(idByDoc[doc]);
      lessonByDoc[doc] = p == null ? null : p.lessonId();
    }
    return lessonByDoc;
  }

  /** The passage (or lesson) id of every document, by document number. */
  static String[] ids(DirectoryReader reader) {
    try {
      String[] ids = new String[reader.maxDoc()];
      for (LeafReaderContext leaf : reader.leaves()) {
        org.apache.lucene.index.SortedDocValues values = org.apache.lucene.index.DocValues.getSorted(leaf.reader(), IndexSchema.ID);
        // a passage's phrasings share its id: each distinct id is made into a string once
        String[] byOrd = new String[values.getValueCount()];
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
          int ord = values.ordValue();
          if (byOrd[ord] == null) {
            byOrd[ord] = values.lookupOrd(ord).utf8ToString();
          }
          ids[leaf.docBase + doc] = byOrd[ord];
        }
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
    directory.close();
  }

  private static List<float[]> embedTexts(EmbeddingModel embeddings, List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
    return embeddings.embedAll(segments).content().stream().map(e -> e.vector()).toList();
  }
}
