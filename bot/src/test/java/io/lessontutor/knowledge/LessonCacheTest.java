package io.lessontutor.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parsed lessons kept in the data folder: a restart with unchanged files parses none, a
 * changed file is parsed again and only it, and a damaged cache or one of another parser version
 * is never served. Real lesson files of a generated course on disk.
 */
class LessonCacheTest {

  private static final Path KNOWLEDGE = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge"));
  /** A time well before any cache these tests take: the files count as settled, not just written. */
  private static final FileTime SETTLED = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);

  @TempDir
  Path dir;
  Path knowledge;
  Path cacheFile;
  List<Path> files;

  @BeforeEach
  void writeCourse() throws Exception {
    knowledge = new SyntheticCourse(3).write(KNOWLEDGE, dir.resolve("k"), 5);
    cacheFile = dir.resolve("data").resolve("index").resolve(LessonCache.FILE);
    files = LessonLibrary.lessonFiles(knowledge);
    for (Path f : files) {
      Files.setLastModifiedTime(f, SETTLED);
    }
  }

  /** The lessons as parsed from their files with no cache at all. */
  private List<Lesson> parsedAfresh() {
    return LessonLibrary.load(knowledge).lessons();
  }

  @Test
  void a_restart_with_unchanged_files_parses_none_and_serves_what_parsing_gives() {
    LessonCache.Loaded first = new LessonCache(cacheFile).load(knowledge);
    assertThat(first.parsed()).isEqualTo(6);
    assertThat(first.rebuiltBecause()).contains("no cache");
    assertThat(cacheFile).exists();

    LessonCache.Loaded again = new LessonCache(cacheFile).load(knowledge);
    assertThat(again.parsed()).isZero();
    assertThat(again.cached()).isEqualTo(6);
    assertThat(again.rebuiltBecause()).isNull();
    assertThat(again.library().lessons()).isEqualTo(parsedAfresh());
    // what the index is keyed by comes from the cache, and is what hashing the passages gives
    for (Lesson l : again.library().lessons()) {
      assertThat(again.library().digest(l)).isEqualTo(l.digest());
    }
  }

  @Test
  void changing_one_file_parses_only_that_one_and_serves_its_new_text() throws Exception {
    new LessonCache(cacheFile).load(knowledge);
    Path changed = files.get(2);
    Files.writeString(changed, Files.readString(changed) + "\n# Added later\n\nA paragraph added after the cache was taken.\n");

    LessonCache.Loaded loaded = new LessonCache(cacheFile).load(knowledge);
    assertThat(loaded.parsed()).isEqualTo(1);
    assertThat(loaded.cached()).isEqualTo(5);
    assertThat(loaded.library().lessons()).isEqualTo(parsedAfresh());
    assertThat(loaded.library().passages()).anyMatch(p -> p.section().equals("Added later"));
    assertThat(new LessonCache(cacheFile).load(knowledge).parsed()).as("the cache now holds the new text").isZero();
  }

  @Test
  void a_touched_file_is_hashed_not_parsed_and_an_added_or_removed_file_is_noticed() throws Exception {
    new LessonCache(cacheFile).load(knowledge);
    Files.setLastModifiedTime(files.get(1), FileTime.fromMillis(SETTLED.toMillis() + 60_000));
    assertThat(new LessonCache(cacheFile).load(knowledge).parsed()).isZero();

    Path copy = files.get(1).resolveSibling("zz-copy.md");
    Files.writeString(copy, Files.readString(files.get(1)).replaceFirst("(?m)^id: (.*)$", "id: $1-copy"));
    Files.delete(files.get(3));
    LessonCache.Loaded loaded = new LessonCache(cacheFile).load(knowledge);
    assertThat(loaded.parsed()).isEqualTo(1);
    assertThat(loaded.library().lessons()).hasSize(6).isEqualTo(parsedAfresh());
  }

  @Test
  void an_edit_that_keeps_size_and_time_right_after_the_cache_was_taken_is_still_seen() throws Exception {
    // files written just now: an edit in the same tick of a coarse clock could keep the file's time
    for (Path f : files) {
      Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis()));
    }
    new LessonCache(cacheFile).load(knowledge);
    Path edited = files.get(4);
    FileTime time = Files.getLastModifiedTime(edited);
    String text = Files.readString(edited);
    int at = text.lastIndexOf('e');
    String same = text.substring(0, at) + "E" + text.substring(at + 1);
    assertThat(same.getBytes(StandardCharsets.UTF_8)).hasSameSizeAs(text.getBytes(StandardCharsets.UTF_8));
    Files.writeString(edited, same);
    Files.setLastModifiedTime(edited, time);

    LessonCache.Loaded loaded = new LessonCache(cacheFile).load(knowledge);
    assertThat(loaded.parsed()).isEqualTo(1);
    assertThat(loaded.library().lessons()).isEqualTo(parsedAfresh());
  }

  @Test
  void a_damaged_cache_is_parsed_again_never_served() throws Exception {
    new LessonCache(cacheFile).load(knowledge);
    byte[] bytes = Files.readAllBytes(cacheFile);
    // a passage's text changed on disk, the file's length and structure intact
    String kept = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = kept.indexOf("fine-tun", kept.length() / 2);
    assertThat(at).isPositive();
    bytes[at] = 'F';
    Files.write(cacheFile, bytes);

    LessonCache.Loaded loaded = new LessonCache(cacheFile).load(knowledge);
    assertThat(loaded.rebuiltBecause()).contains("damaged").contains("checksum");
    assertThat(loaded.parsed()).isEqualTo(6);
    assertThat(loaded.library().lessons()).isEqualTo(parsedAfresh());
    assertThat(new LessonCache(cacheFile).load(knowledge).parsed()).as("rewritten whole").isZero();

    Files.write(cacheFile, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    LessonCache.Loaded cut = new LessonCache(cacheFile).load(knowledge);
    assertThat(cut.rebuiltBecause()).contains("damaged");
    assertThat(cut.parsed()).isEqualTo(6);
    assertThat(cut.library().lessons()).isEqualTo(parsedAfresh());
  }

  @Test
  void a_cache_written_by_another_parser_version_is_not_used() {
    new LessonCache(cacheFile, "0-older").load(knowledge);
    assertThat(new LessonCache(cacheFile, "0-older").load(knowledge).parsed()).isZero();

    LessonCache.Loaded loaded = new LessonCache(cacheFile, LessonFileParser.VERSION).load(knowledge);
    assertThat(loaded.rebuiltBecause()).contains("another version of the parser");
    assertThat(loaded.parsed()).isEqualTo(6);
    assertThat(new LessonCache(cacheFile).load(knowledge).parsed()).isZero();
  }

  @Test
  void a_malformed_lesson_file_still_stops_the_load_naming_it() throws Exception {
    new LessonCache(cacheFile).load(knowledge);
    Files.writeString(files.get(0), "no front matter here\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LessonCache(cacheFile).load(knowledge))
        .isInstanceOf(KnowledgeFileException.class)
        .hasMessageContaining(files.get(0).getFileName().toString());
  }
}
