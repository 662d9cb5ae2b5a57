package io.lessontutor.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.lessontutor.knowledge.Lesson;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.SyntheticCourse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index kept on disk: reopened as it is, updated lesson by lesson, rebuilt when damaged or stale. */
class IndexFolderTest {

  private static final Path KNOWLEDGE = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge"));
  private static final String QUESTION = "What can't fine-tuning fix?";
  private static MiniLmEmbeddingModel model;

  /** The real model, counting the texts it is asked to embed. */
  static final class CountingModel implements EmbeddingModel {
    final AtomicInteger texts = new AtomicInteger();

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
      texts.addAndGet(segments.size());
      return model.embedAll(segments);
    }
  }

  @BeforeAll
  static void load() {
    model = new MiniLmEmbeddingModel();
  }

  private static int documents(Lesson lesson) {
    return lesson.passages().size() + lesson.passages().stream().mapToInt(p -> p.askedAs().size()).sum();
  }

  private static List<String> top(IndexFolder.Opened opened, LessonLibrary library, EmbeddingModel m, String q) throws Exception {
    try (LucenePassageRetriever r = new LucenePassageRetriever(opened.directory(), library.passages(), m, Fusion.WEIGHTED)) {
      return r.retrieve(q, 5).stream().map(s -> s.passage().id()).toList();
    }
  }

  @Test
  void a_restart_reopens_the_index_without_embedding_and_finds_what_a_fresh_build_finds(@TempDir Path dir) throws Exception {
    LessonLibrary library = LessonLibrary.load(new SyntheticCourse(2).write(KNOWLEDGE, dir.resolve("k"), 20));
    Path folder = dir.resolve("index");
    CountingModel first = new CountingModel();
    IndexFolder.Opened built = IndexFolder.open(folder, library.lessons(), first, MiniLmEmbeddingModel.IDENTITY).orElseThrow();
    assertThat(built.indexedLessons()).isEqualTo(21);
    assertThat(first.texts.get()).isEqualTo(library.lessons().stream().mapToInt(IndexFolderTest::documents).sum());
    List<String> fresh = top(built, library, first, QUESTION);

    CountingModel second = new CountingModel();
    IndexFolder.Opened reopened = IndexFolder.open(folder, library.lessons(), second, MiniLmEmbeddingModel.IDENTITY).orElseThrow();
    assertThat(reopened.indexedLessons()).isZero();
    assertThat(reopened.keptLessons()).isEqualTo(21);
    assertThat(top(reopened, library, second, QUESTION)).isEqualTo(fresh);
    assertThat(second.texts.get()).as("only the question is embedded").isEqualTo(1);
    try (LucenePassageRetriever inMemory = LucenePassageRetriever.hybrid(library.passages(), model)) {
      assertThat(inMemory.retrieve(QUESTION, 5).stream().map(s -> s.passage().id()).toList()).isEqualTo(fresh);
    }
  }

  @Test
  void changing_one_lesson_file_re_embeds_only_that_lesson_and_a_removed_lesson_leaves_the_index(@TempDir Path dir) throws Exception {
    Path knowledge = new SyntheticCourse(2).write(KNOWLEDGE, dir.resolve("k"), 20);
    Path folder = dir.resolve("index");
    LessonLibrary library = LessonLibrary.load(knowledge);
    IndexFolder.open(folder, library.lessons(), new CountingModel(), MiniLmEmbeddingModel.IDENTITY).orElseThrow()
        .directory().close();

    Lesson touched = library.lessons().get(3);
    String text = Files.readString(touched.source());
    Files.writeString(touched.source(), text.replace("# The premise\n\n", "# The premise\n\nZeppelins carry the weights across the sea.\n\n"));
    Lesson removed = library.lessons().get(5);
    Files.delete(removed.source());
    LessonLibrary changed = LessonLibrary.load(knowledge);
    Lesson after = changed.lesson(touched.id()).orElseThrow();

    CountingModel counting = new CountingModel();
    IndexFolder.Opened updated = IndexFolder.open(folder, changed.lessons(), counting, MiniLmEmbeddingModel.IDENTITY).orElseThrow();
    assertThat(updated.indexedLessons()).isEqualTo(1);
    assertThat(updated.keptLessons()).isEqualTo(19);
    assertThat(counting.texts.get()).isEqualTo(documents(after));
    try (LucenePassageRetriever r = new LucenePassageRetriever(updated.directory(), changed.passages(), counting, Fusion.WEIGHTED)) {
      assertThat(r.retrieve("zeppelins carry weights across the sea", 1).get(0).passage().lessonId()).isEqualTo(touched.id());
      assertThat(r.retrieve(removed.title(), 50)).noneMatch(s -> s.passage().lessonId().equals(removed.id()));
      // the touched lesson's old vectors are gone with its old documents: one per passage and phrasing
      assertThat(r.retrieve(after.title(), 50)).filteredOn(s -> s.passage().lessonId().equals(after.id())).isNotEmpty();
    }
  }

  @Test
  void a_word_only_a_removed_or_changed_lesson_used_is_no_longer_the_lessons(@TempDir Path dir) throws Exception {
    Path knowledge = new SyntheticCourse(2).write(KNOWLEDGE, dir.resolve("k"), 20);
    Path folder = dir.resolve("index");
    LessonLibrary library = LessonLibrary.load(knowledge);
    Lesson changedLesson = library.lessons().get(2);
    Lesson removedLesson = library.lessons().get(4);
    String changedText = Files.readString(changedLesson.source());
    Files.writeString(changedLesson.source(), changedText.replace("# The premise\n\n", "# The premise\n\nZeppelins carry the weights.\n\n"));
    Files.writeString(removedLesson.source(), Files.readString(removedLesson.source())
        .replace("# The premise\n\n", "# The premise\n\nGondolas cross the lagoon.\n\n"));
    library = LessonLibrary.load(knowledge);
    IndexFolder.Opened first = IndexFolder.open(folder, library.lessons(), null, IndexFolder.NO_MODEL).orElseThrow();
    try (LucenePassageRetriever r = new LucenePassageRetriever(first.directory(), library.passages(), null, Fusion.RRF)) {
      assertThat(r.vocabulary().knows("zeppelin")).isTrue();
      assertThat(r.vocabulary().knows("gondola")).isTrue();
    }

    Files.writeString(changedLesson.source(), changedText);
    Files.delete(removedLesson.source());
    LessonLibrary after = LessonLibrary.load(knowledge);
    IndexFolder.Opened updated = IndexFolder.open(folder, after.lessons(), null, IndexFolder.NO_MODEL).orElseThrow();
    assertThat(updated.indexedLessons()).isEqualTo(1);
    try (LucenePassageRetriever r = new LucenePassageRetriever(updated.directory(), after.passages(), null, Fusion.RRF)) {
      assertThat(r.vocabulary().knows("zeppelin")).isFalse();
      assertThat(r.vocabulary().knows("gondola")).isFalse();
      assertThat(r.vocabulary().knows("premis")).isTrue();
    }
  }

  /** The statistics the index's commit recorded, and those its postings give, lesson by lesson. */
  private static void assertRecordedStatisticsAreCounted(IndexFolder.Opened opened, LessonLibrary library) throws Exception {
    try (org.apache.lucene.index.DirectoryReader reader = org.apache.lucene.index.DirectoryReader.open(opened.directory())) {
      java.util.Map<String, String> commit = reader.getIndexCommit().getUserData();
      java.util.Map<String, io.lessontutor.knowledge.Passage> passages = new java.util.HashMap<>();
      library.passages().forEach(p -> passages.put(p.id(), p));
      String[] lessonByDoc = LucenePassageRetriever.lessonByDoc(LucenePassageRetriever.ids(reader), passages);
      java.util.Map<String, String> counted = new LessonStatistics(reader, lessonByDoc).recorded();
      assertThat(commit).containsAllEntriesOf(counted);
      assertThat(commit.keySet().stream().filter(k -> k.startsWith(LessonStatistics.KEY))).hasSize(library.lessons().size());
      assertThat(LessonStatistics.of(reader, lessonByDoc, commit).recorded()).isEqualTo(counted);
      // a record that does not agree with the documents is not used: they are counted again
      java.util.Map<String, String> wrong = new java.util.HashMap<>(commit);
      String lesson = library.lessons().get(0).id();
      wrong.put(LessonStatistics.KEY + lesson, "1,1,1;1,1,1;1,1,1;999");
      assertThat(LessonStatistics.of(reader, lessonByDoc, wrong).recorded()).isEqualTo(counted);
    }
  }

  @Test
  void the_statistics_recorded_with_the_index_are_those_its_postings_give_also_after_an_update(@TempDir Path dir) throws Exception {
    Path knowledge = new SyntheticCourse(2).write(KNOWLEDGE, dir.resolve("k"), 8);
    Path folder = dir.resolve("index");
    LessonLibrary library = LessonLibrary.load(knowledge);
    IndexFolder.Opened built = IndexFolder.open(folder, library.lessons(), null, IndexFolder.NO_MODEL).orElseThrow();
    assertRecordedStatisticsAreCounted(built, library);
    built.directory().close();

    Lesson touched = library.lessons().get(3);
    Files.writeString(touched.source(), Files.readString(touched.source())
        .replace("# The premise\n\n", "# The premise\n\nZeppelins carry the weights across the sea.\n\n"));
    Files.delete(library.lessons().get(5).source());
    LessonLibrary changed = LessonLibrary.load(knowledge);
    IndexFolder.Opened updated = IndexFolder.open(folder, changed.lessons(), null, IndexFolder.NO_MODEL).orElseThrow();
    assertThat(updated.indexedLessons()).isEqualTo(1);
    assertRecordedStatisticsAreCounted(updated, changed);
    updated.directory().close();
  }

  @Test
  void a_damaged_index_is_detected_and_rebuilt_never_served(@TempDir Path dir) throws Exception {
    LessonLibrary library = LessonLibrary.load(new SyntheticCourse(2).write(KNOWLEDGE, dir.resolve("k"), 5));
    Path folder = dir.resolve("index");
    IndexFolder.Opened built = IndexFolder.open(folder, library.lessons(), new CountingModel(), MiniLmEmbeddingModel.IDENTITY).orElseThrow();
    List<String> fresh = top(built, library, model, QUESTION);
    Path biggest;
    try (var files = Files.list(folder)) {
      biggest = files.filter(f -> !f.getFileName().toString().startsWith("segments")
          && !f.getFileName().toString().equals("write.lock"))
          .max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(biggest);
    for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
      bytes[i] ^= 0x5A;
    }
    Files.write(biggest, bytes);

    CountingModel counting = new CountingModel();
    IndexFolder.Opened rebuilt = IndexFolder.open(folder, library.lessons(), counting, MiniLmEmbeddingModel.IDENTITY).orElseThrow();
    assertThat(rebuilt.rebuiltBecause()).contains("damaged");
    assertThat(rebuilt.indexedLessons()).isEqualTo(6);
    assertThat(top(rebuilt, library, model, QUESTION)).isEqualTo(fresh);
  }

  @Test
  void one_flipped_byte_in_any_file_of_the_index_is_found_and_the_index_rebuilt(@TempDir Path dir) throws Exception {
    LessonLibrary library = LessonLibrary.load(new SyntheticCourse(2).write(KNOWLEDGE, dir.resolve("k"), 5));
    Path folder = dir.resolve("index");
    IndexFolder.open(folder, library.lessons(), null, IndexFolder.NO_MODEL).orElseThrow().directory().close();
    List<String> files;
    try (var list = Files.list(folder)) {
      files = list.map(f -> f.getFileName().toString()).filter(f -> !f.equals("write.lock")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(2);
    assertThat(IndexFolder.open(folder, library.lessons(), null, IndexFolder.NO_MODEL).orElseThrow().rebuiltBecause()).isNull();
    for (String name : files) {
      Path copy = dir.resolve("copy-" + name);
      Files.createDirectories(copy);
      for (String f : files) {
        Files.copy(folder.resolve(f), copy.resolve(f));
      }
      byte[] bytes = Files.readAllBytes(copy.resolve(name));
      bytes[bytes.length / 2] ^= 0x01;
      Files.write(copy.resolve(name), bytes);
      IndexFolder.Opened opened = IndexFolder.open(copy, library.lessons(), null, IndexFolder.NO_MODEL).orElseThrow();
      assertThat(opened.rebuiltBecause()).as(name).isNotNull();
      assertThat(opened.indexedLessons()).as(name).isEqualTo(6);
      opened.directory().close();
    }
  }

  @Test
  void an_index_embedded_by_another_model_is_rebuilt(@TempDir Path dir) throws Exception {
    LessonLibrary library = LessonLibrary.load(new SyntheticCourse(2).write(KNOWLEDGE, dir.resolve("k"), 2));
    Path folder = dir.resolve("index");
    IndexFolder.open(folder, library.lessons(), new CountingModel(), "some-other-model/384").orElseThrow().directory().close();
    IndexFolder.Opened reopened = IndexFolder.open(folder, library.lessons(), new CountingModel(), MiniLmEmbeddingModel.IDENTITY).orElseThrow();
    assertThat(reopened.rebuiltBecause()).contains("another model");
    assertThat(reopened.indexedLessons()).isEqualTo(3);
    reopened.directory().close();
  }
}
