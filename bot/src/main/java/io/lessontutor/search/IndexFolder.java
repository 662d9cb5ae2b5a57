package io.lessontutor.search;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.lessontutor.knowledge.Lesson;
import io.lessontutor.knowledge.Passage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lesson index kept on disk (under {@code TUTOR_DATA_DIR}), so a restart opens it instead of
 * embedding the course again. The last commit records the schema version, the embedding model's
 * identity and a content hash per lesson; on opening, only lessons whose hash changed (or that
 * are new) are re-embedded and their documents replaced, and lessons no longer served are
 * dropped. An index that fails Lucene's checksums, or was written for another schema or model,
 * is deleted and rebuilt, never served.
 */
public final class IndexFolder {

  private static final Logger log = LoggerFactory.getLogger(IndexFolder.class);

  /** Bumped whenever {@link IndexSchema} changes what it writes: an older index is rebuilt. */
  static final String SCHEMA_VERSION = "4";
  static final String SCHEMA_KEY = "schema";
  static final String MODEL_KEY = "model";
  static final String LESSON_KEY = "lesson:";
  /** The identity recorded for an index without vectors (plain BM25). */
  public static final String NO_MODEL = "none";
  /** How often the first build reports its progress. */
  static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

  /** What opening did: how many lessons were (re-)embedded, how many kept, and whether it started over and why. */
  public record Opened(Directory directory, int indexedLessons, int keptLessons, String rebuiltBecause) {
  }

  private IndexFolder() {}

  /**
   * Opens the index in {@code folder}, bringing it up to date with {@code lessons}; empty when
   * another process holds the folder's write lock while an update is due (the caller then builds
   * its index in memory, as before there was a folder).
   *
   * @param embeddings the model for hybrid retrieval, or null for plain BM25
   * @param modelIdentity what names the model's vectors (a different model means different vectors)
   */
  public static java.util.Optional<Opened> open(Path folder, List<Lesson> lessons, EmbeddingModel embeddings, String modelIdentity) {
    return open(folder, lessons, embeddings, modelIdentity, new IndexProgress());
  }

  /** The same, reporting each lesson indexed to {@code progress}. */
  public static java.util.Optional<Opened> open(Path folder, List<Lesson> lessons, EmbeddingModel embeddings, String modelIdentity,
                                                IndexProgress progress) {
    return open(folder, lessons, Lesson::digest, embeddings, modelIdentity, progress);
  }

  /**
   * The same, with each lesson's {@link Lesson#digest} from {@code digests} (the library's, which
   * keeps those of lessons read from its cache rather than hashing every passage again).
   */
  public static java.util.Optional<Opened> open(Path folder, List<Lesson> lessons, Function<Lesson, String> digests,
                                                EmbeddingModel embeddings, String modelIdentity, IndexProgress progress) {
    try {
      Files.createDirectories(folder);
      FSDirectory directory = FSDirectory.open(folder);
      Map<String, String> recorded;
      String rebuild = null;
      try {
        recorded = SegmentInfos.readLatestCommit(directory).getUserData();
        if (!SCHEMA_VERSION.equals(recorded.get(SCHEMA_KEY))) {
          rebuild = "it was written by another index schema (" + recorded.get(SCHEMA_KEY) + ")";
        } else if (!modelIdentity.equals(recorded.get(MODEL_KEY))) {
          rebuild = "it was embedded with another model (" + recorded.get(MODEL_KEY) + ")";
        } else {
          verify(directory);
        }
      } catch (IndexNotFoundException e) {
        recorded = Map.of();
        rebuild = "there is none yet";
      } catch (IOException | RuntimeException e) {
        recorded = Map.of();
        rebuild = "it is damaged (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
      }
      if (rebuild != null) {
        if (!recorded.isEmpty() || !rebuild.equals("there is none yet")) {
          log.warn("Rebuilding the lesson index in {}: {}", folder, rebuild);
        }
        directory.close();
        wipe(folder);
        directory = FSDirectory.open(folder);
        recorded = Map.of();
      }
      Map<String, String> old = recorded;
      // hashed on every core, unless known: each lesson's passages, read in full
      Map<String, String> wanted = lessons.parallelStream().collect(Collectors.toMap(Lesson::id, digests, (a, b) -> b));
      List<Lesson> changed = lessons.stream()
          .filter(l -> !wanted.get(l.id()).equals(old.get(LESSON_KEY + l.id())))
          .toList();
      Set<String> gone = old.keySet().stream().filter(k -> k.startsWith(LESSON_KEY))
          .map(k -> k.substring(LESSON_KEY.length())).filter(id -> !wanted.containsKey(id))
          .collect(Collectors.toSet());
      if (changed.isEmpty() && gone.isEmpty() && rebuild == null) {
        return java.util.Optional.of(new Opened(directory, 0, lessons.size(), null));
      }
      try {
        write(directory, lessons, changed, gone, wanted, embeddings, modelIdentity, progress);
      } catch (org.apache.lucene.store.LockObtainFailedException e) {
        log.warn("Another process is updating the lesson index in {}; this one builds its own in memory", folder);
        directory.close();
        return java.util.Optional.empty();
      }
      log.info("Lesson index in {}: {} lessons indexed, {} kept{}", folder, changed.size(),
          lessons.size() - changed.size(), rebuild == null ? "" : " (built anew: " + rebuild + ")");
      return java.util.Optional.of(new Opened(directory, changed.size(), lessons.size() - changed.size(), rebuild));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the lesson index in " + folder, e);
    }
  }

  private static void write(Directory directory, List<Lesson> lessons, List<Lesson> changed, Set<String> gone,
                            Map<String, String> wanted,
                            EmbeddingModel embeddings, String modelIdentity, IndexProgress progress) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(LessonAnalyzers.indexing())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (String id : gone) {
        writer.deleteDocuments(new Term(IndexSchema.LESSON, id));
      }
      long start = System.nanoTime();
      long reported = start;
      int done = 0;
      progress.started(changed.size());
      for (Lesson lesson : changed) {
        writer.deleteDocuments(new Term(IndexSchema.LESSON, lesson.id()));
        LucenePassageRetriever.addDocuments(writer, lesson.passages(), embeddings);
        done++;
        progress.indexed(done);
        long now = System.nanoTime();
        if (now - reported >= PROGRESS_EVERY_NANOS || done == changed.size()) {
          reported = now;
          double seconds = (now - start) / 1e9;
          double rate = done / Math.max(seconds, 1e-9);
          log.info("Reading the course: {}/{} lessons indexed, {} lessons/s, about {} s left", done, changed.size(),
              String.format(java.util.Locale.ROOT, "%.1f", rate), Math.round((changed.size() - done) / rate));
        }
      }
      // a changed or removed lesson leaves deleted documents behind; segments where they are a large
      // share (the merge policy's 10%) are rewritten without them, the rest wait for ordinary merges
      if (writer.hasDeletions()) {
        writer.forceMergeDeletes();
      }
      Map<String, String> commit = new HashMap<>();
      commit.put(SCHEMA_KEY, SCHEMA_VERSION);
      commit.put(MODEL_KEY, modelIdentity);
      wanted.forEach((id, hash) -> commit.put(LESSON_KEY + id, hash));
      // each lesson's BM25 statistics, recorded with the documents they count, so opening need not count them again
      try (DirectoryReader written = DirectoryReader.open(writer)) {
        Map<String, Passage> passages = new HashMap<>();
        lessons.forEach(l -> l.passages().forEach(p -> passages.put(p.id(), p)));
        String[] lessonByDoc = LucenePassageRetriever.lessonByDoc(LucenePassageRetriever.ids(written), passages);
        commit.putAll(new LessonStatistics(written, lessonByDoc).recorded());
      }
      writer.setLiveCommitData(commit.entrySet());
      writer.commit();
    }
  }

  /** Full checksums of every file of the last commit: a flipped byte anywhere is found here. */
  private static void verify(Directory directory) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(directory)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        leaf.reader().checkIntegrity();
      }
    }
  }

  private static void wipe(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.delete(f);
      }
    }
  }
}
