package io.lessontutor.knowledge;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A lesson as loaded from one knowledge file: its front matter and its passages in reading order.
 *
 * @param number the lesson's number in its course (657 of 1,596)
 * @param courseSize how many lessons the course has
 * @param scope what the lesson covers, in a phrase the tutor uses when it declines a question
 * @param suggestedQuestions questions the tutor suggests and can answer from this lesson
 * @param source the file it came from, for error messages
 */
public record Lesson(
    String id,
    String title,
    int number,
    int courseSize,
    String track,
    String readingTime,
    String summary,
    String scope,
    List<String> suggestedQuestions,
    List<Passage> passages,
    Path source) {

  public Lesson {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(track, "track");
    Objects.requireNonNull(readingTime, "readingTime");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(scope, "scope");
    suggestedQuestions = List.copyOf(suggestedQuestions);
    passages = List.copyOf(passages);
  }

  /**
   * The SHA-256, in hex, of everything the lesson index holds of the lesson: its id and every
   * passage with its text, phrasings, says and claims. Equal for two parses of an unchanged file;
   * computed afresh at each call ({@link LessonLibrary#digest} keeps it).
   */
  public String digest() {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      sha.update(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (Passage p : passages) {
        sha.update(p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The section titles in reading order, without repeats. */
  public List<String> sections() {
    return passages.stream().map(Passage::section).distinct().toList();
  }
}
