package io.lessontutor.knowledge;

import java.nio.file.Path;

/** A knowledge file that cannot be loaded: says which file, which line and what is wrong. */
public final class KnowledgeFileException extends RuntimeException {

  private final transient Path file;
  private final int line;

  public KnowledgeFileException(Path file, int line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  /** 1-based line number; 0 when the problem is with the file as a whole. */
  public int line() {
    return line;
  }
}
