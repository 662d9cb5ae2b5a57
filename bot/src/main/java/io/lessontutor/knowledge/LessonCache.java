package io.lessontutor.knowledge;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lessons as last parsed, kept in one file in the data folder, so that a restart with
 * unchanged lesson files does not parse them again (at 1,596 lessons parsing is most of a
 * restart's reading time).
 *
 * <p>Each lesson is kept under its file's name with the file's size, modification time and the
 * SHA-256 of its bytes, and with its {@link Lesson#digest} (so the index need not hash its
 * passages again). A file whose size and time are those recorded is served from the cache without
 * being read, as git trusts its index: hashing the whole course costs more than half a second in
 * a JVM that has just started, a {@code stat} of each file a few milliseconds. A file whose size
 * or time differs is read and hashed, and parsed only when its bytes changed ("touched" is not
 * "changed"). A file modified less than {@link #RACY_NANOS} before the cache was taken is always
 * hashed: on a file system with coarse times, a later edit of the same size could keep its time.
 * The file records {@link LessonFileParser#VERSION}: a cache of another parser version is not used.
 * A cache that fails its checksum, or cannot be read back into valid lessons, is never served:
 * every lesson is parsed again and the file rewritten, as the index itself is rebuilt when damaged.
 * Written to a temporary file and moved into place, so another process never reads half a cache.
 * Thread-safe: it holds no state between loads.
 */
public final class LessonCache {

  private static final Logger log = LoggerFactory.getLogger(LessonCache.class);

  /** The cache's file name in the data folder's index folder. */
  public static final String FILE = "parsed-lessons.bin";
  /** "LTLC": a file that does not start with this is not a lesson cache. */
  private static final int MAGIC = 0x4C544C43;
  /** Bumped whenever what this class writes changes. */
  static final int FORMAT = 1;
  private static final int NONE = -1;
  /**
   * A file modified this shortly before the cache was taken is hashed at every load until a later
   * cache is taken: FAT keeps times to 2 s, so an edit right after the cache read it may not move them.
   */
  static final long RACY_NANOS = 2_000_000_000L;

  private final Path file;
  private final String parserVersion;

  /** A cache kept in {@code file} for the parser of this build. */
  public LessonCache(Path file) {
    this(file, LessonFileParser.VERSION);
  }

  /** A cache for the given parser version: a cache written by any other is parsed again. */
  LessonCache(Path file, String parserVersion) {
    this.file = Objects.requireNonNull(file, "file");
    this.parserVersion = Objects.requireNonNull(parserVersion, "parserVersion");
  }

  /**
   * What a load did.
   *
   * @param parsed how many lesson files were parsed (new, changed, or no usable cache)
   * @param cached how many were served from the cache
   * @param rebuiltBecause why the cache was not used at all, or null when it was
   */
  public record Loaded(LessonLibrary library, int parsed, int cached, String rebuiltBecause) {
  }

  /**
   * Loads every {@code *.md} file in {@code knowledgeDir/lessons}, in file-name order, as
   * {@link LessonLibrary#load} does, parsing only the files the cache does not hold as they are now.
   */
  public Loaded load(Path knowledgeDir) {
    // what the cache records is as of now: a file modified after this is seen as modified next time
    long takenAt = now();
    List<Path> files = LessonLibrary.lessonFiles(knowledgeDir);
    String rebuilt = null;
    Cache cache;
    try {
      cache = cache(knowledgeDir.resolve(LessonLibrary.LESSONS_FOLDER));
    } catch (Stale e) {
      cache = Cache.EMPTY;
      rebuilt = e.getMessage();
      if (!rebuilt.equals(NO_CACHE_YET)) {
        log.info("Parsing every lesson again: {}", rebuilt);
      }
    } catch (IOException | RuntimeException e) {
      cache = Cache.EMPTY;
      rebuilt = "the cache of parsed lessons in " + file + " is damaged (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")";
      log.warn("Parsing every lesson again: {}", rebuilt);
    }
    Cache old = cache;
    LessonFileParser parser = new LessonFileParser();
    // looked at, and when changed read, hashed and parsed, on every core; kept in name order
    List<Kept> now = files.parallelStream().map(f -> {
      java.nio.file.attribute.BasicFileAttributes seen = attributes(f);
      long size = seen.size();
      long modified = seen.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
      Kept before = old.lessons().get(name(f));
      if (before != null && before.size() == size && before.modified() == modified
          && modified < old.takenAt() - RACY_NANOS) {
        return before;
      }
      byte[] bytes = bytes(f);
      byte[] hash = sha256(bytes);
      if (before != null && Arrays.equals(before.hash(), hash)) {
        return new Kept(size, modified, hash, before.digest(), before.lesson(), Kept.HASHED);
      }
      Lesson lesson = parser.parse(f, KnowledgeFiles.lines(f, bytes));
      return new Kept(size, modified, hash, lesson.digest(), lesson, Kept.PARSED);
    }).toList();
    int parsed = (int) now.stream().filter(k -> k.how() == Kept.PARSED).count();
    Map<String, String> digests = new HashMap<>();
    now.forEach(k -> digests.put(k.lesson().id(), k.digest()));
    LessonLibrary library = new LessonLibrary(now.stream().map(Kept::lesson).toList(), digests);
    if (old.lessons().size() != now.size() || now.stream().anyMatch(k -> k.how() != Kept.KEPT)) {
      write(takenAt, now);
    }
    return new Loaded(library, parsed, now.size() - parsed, rebuilt);
  }

  private static final String NO_CACHE_YET = "there is no cache of parsed lessons yet";

  private static long now() {
    java.time.Instant t = java.time.Instant.now();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** A cache that is whole but not for this parser, or not there: parsed again without a warning. */
  private static final class Stale extends Exception {
    Stale(String why) {
      super(why, null, false, false);
    }
  }

  /** The lessons a cache holds by file name, and when it was taken (nanoseconds since 1970). */
  private record Cache(Map<String, Kept> lessons, long takenAt) {
    static final Cache EMPTY = new Cache(Map.of(), 0);
  }

  /**
   * One lesson as kept: its file's size, modification time (nanoseconds since 1970) and SHA-256,
   * its digest, and how this load got it.
   */
  private record Kept(long size, long modified, byte[] hash, String digest, Lesson lesson, int how) {
    /** Served from the cache, its file not read. */
    static final int KEPT = 0;
    /** Its file read and hashed, and unchanged. */
    static final int HASHED = 1;
    /** Its file parsed. */
    static final int PARSED = 2;
  }

  private static java.nio.file.attribute.BasicFileAttributes attributes(Path lessonFile) {
    try {
      return Files.readAttributes(lessonFile, java.nio.file.attribute.BasicFileAttributes.class);
    } catch (IOException e) {
      throw new KnowledgeFileException(lessonFile, 0, "cannot read the file (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")");
    }
  }

  private static String name(Path lessonFile) {
    return lessonFile.getFileName().toString();
  }

  private static byte[] bytes(Path lessonFile) {
    try {
      return Files.readAllBytes(lessonFile);
    } catch (IOException e) {
      throw new KnowledgeFileException(lessonFile, 0, "cannot read the file (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")");
    }
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cache as written, with {@code lessonsDir} as its lessons' folder. */
  private Cache cache(Path lessonsDir) throws IOException, Stale {
    if (!Files.exists(file)) {
      throw new Stale(NO_CACHE_YET);
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < Long.BYTES) {
      throw new IOException("it is " + bytes.length + " bytes long");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - Long.BYTES);
    long recorded = ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong();
    if (crc.getValue() != recorded) {
      throw new IOException("its checksum does not match its contents");
    }
    // read straight from the array: in a JVM that has just started, a stream's call per byte is what costs
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - Long.BYTES);
    if (in.getInt() != MAGIC) {
      throw new IOException("it is not a cache of parsed lessons");
    }
    int format = in.getInt();
    String version = string(in);
    if (format != FORMAT || !parserVersion.equals(version)) {
      throw new Stale("the cache of parsed lessons was written by another version of the parser (" + version + ")");
    }
    long takenAt = in.getLong();
    int count = in.getInt();
    List<String> names = new ArrayList<>(count);
    List<ByteBuffer> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add(string(in));
      int length = in.getInt();
      if (length < 0 || length > in.remaining()) {
        throw new IOException("a lesson of " + length + " bytes where " + in.remaining() + " are left");
      }
      entries.add(in.slice(in.position(), length));
      in.position(in.position() + length);
    }
    if (in.hasRemaining()) {
      throw new IOException(in.remaining() + " bytes after the last lesson");
    }
    // read back on every core: a few hundred thousand strings and records
    List<Kept> kept;
    try {
      kept = java.util.stream.IntStream.range(0, count).parallel()
          .mapToObj(i -> kept(entries.get(i), lessonsDir.resolve(names.get(i))))
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Map<String, Kept> out = new HashMap<>(count * 2);
    for (int i = 0; i < count; i++) {
      out.put(names.get(i), kept.get(i));
    }
    return new Cache(out, takenAt);
  }

  private static Kept kept(ByteBuffer in, Path source) {
    try {
      long size = in.getLong();
      long modified = in.getLong();
      byte[] hash = new byte[32];
      in.get(hash);
      String digest = Objects.requireNonNull(string(in), "a digest");
      Kept kept = new Kept(size, modified, hash, digest, lesson(in, source), Kept.KEPT);
      if (in.hasRemaining()) {
        throw new IOException(in.remaining() + " bytes after the lesson of " + source.getFileName());
      }
      return kept;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(long takenAt, List<Kept> lessons) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      string(out, parserVersion);
      out.writeLong(takenAt);
      out.writeInt(lessons.size());
      for (Kept k : lessons) {
        string(out, name(k.lesson().source()));
        // each lesson's length first, so that they can be read back on every core
        ByteArrayOutputStream entry = new ByteArrayOutputStream(8192);
        DataOutputStream e = new DataOutputStream(entry);
        e.writeLong(k.size());
        e.writeLong(k.modified());
        e.write(k.hash());
        string(e, k.digest());
        lesson(e, k.lesson());
        out.writeInt(entry.size());
        entry.writeTo(out);
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
      out.flush();
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), FILE, ".tmp");
      try {
        Files.write(temporary, bytes.toByteArray());
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException | UncheckedIOException e) {
      // the lessons are read; only the next restart is slower
      log.warn("Cannot keep the parsed lessons in {} ({}); the next start parses them again", file, e.toString());
    }
  }

  private static void lesson(DataOutputStream out, Lesson l) throws IOException {
    string(out, l.id());
    string(out, l.title());
    out.writeInt(l.number());
    out.writeInt(l.courseSize());
    string(out, l.track());
    string(out, l.readingTime());
    string(out, l.summary());
    string(out, l.scope());
    strings(out, l.suggestedQuestions());
    out.writeInt(l.passages().size());
    for (Passage p : l.passages()) {
      string(out, p.id());
      string(out, p.lessonId());
      string(out, p.lessonTitle());
      string(out, p.section());
      out.writeByte(p.kind().ordinal());
      string(out, p.text());
      string(out, p.relatedLesson());
      strings(out, p.askedAs());
      string(out, p.says());
      out.writeInt(p.claims().size());
      for (Claim c : p.claims()) {
        string(out, c.stance());
        string(out, c.proposition());
      }
    }
  }

  private static Lesson lesson(ByteBuffer in, Path source) throws IOException {
    String id = string(in);
    String title = string(in);
    int number = in.getInt();
    int courseSize = in.getInt();
    String track = string(in);
    String readingTime = string(in);
    String summary = string(in);
    String scope = string(in);
    List<String> suggested = strings(in);
    int count = in.getInt();
    List<Passage> passages = new ArrayList<>(count);
    Passage.Kind[] kinds = Passage.Kind.values();
    for (int i = 0; i < count; i++) {
      String pid = string(in);
      String lessonId = string(in);
      String lessonTitle = string(in);
      String section = string(in);
      Passage.Kind kind = kinds[in.get()];
      String text = string(in);
      String related = string(in);
      List<String> askedAs = strings(in);
      String says = string(in);
      int claimCount = in.getInt();
      List<Claim> claims = new ArrayList<>(claimCount);
      for (int c = 0; c < claimCount; c++) {
        claims.add(new Claim(string(in), string(in)));
      }
      passages.add(new Passage(pid, lessonId, lessonTitle, section, kind, text, related, askedAs, says, claims));
    }
    return new Lesson(id, title, number, courseSize, track, readingTime, summary, scope, suggested, passages, source);
  }

  private static void strings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      string(out, v);
    }
  }

  private static List<String> strings(ByteBuffer in) throws IOException {
    int n = in.getInt();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Objects.requireNonNull(string(in), "a list holds no null"));
    }
    return out;
  }

  /** A string as its UTF-8 length and bytes; null as {@value #NONE}. */
  private static void string(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(NONE);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String string(ByteBuffer in) throws IOException {
    int length = in.getInt();
    if (length == NONE) {
      return null;
    }
    if (length < 0 || length > in.remaining()) {
      throw new IOException("a string of " + length + " bytes where " + in.remaining() + " are left");
    }
    String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return value;
  }
}
