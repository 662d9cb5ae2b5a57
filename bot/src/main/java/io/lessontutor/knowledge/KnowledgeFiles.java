package io.lessontutor.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reading knowledge files and reporting what is wrong with them in one line a person can act on:
 * the file, its own line number, the problem.
 */
public final class KnowledgeFiles {

  private KnowledgeFiles() {}

  /** The file's lines; a file that is not UTF-8 text is reported with the line of its first bad byte. */
  public static List<String> readLines(Path file) {
    return readLines(file, "the file");
  }

  /** The same; {@code what} names the file in the message when it cannot be read ("the checklist file"). */
  public static List<String> readLines(Path file, String what) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new KnowledgeFileException(file, 0, "cannot read " + what + ": it does not exist");
    } catch (IOException e) {
      throw new KnowledgeFileException(file, 0, "cannot read " + what + " (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")");
    }
    return lines(file, bytes);
  }

  /** The lines of a file already read; bytes that are not UTF-8 text are reported with their line. */
  public static List<String> lines(Path file, byte[] bytes) {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      return utf8.decode(in).toString().lines().toList();
    } catch (CharacterCodingException e) {
      int line = 1;
      for (int i = 0; i < in.position() && i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new KnowledgeFileException(file, line, "the file is not UTF-8 text (byte " + (in.position() + 1)
          + " cannot be read): save it as UTF-8");
    }
  }

  /**
   * A YAML parse failure as a {@link KnowledgeFileException}: one line, with the line number in
   * the file, where the YAML began {@code firstLine} lines into it (0 for a whole YAML file).
   */
  public static KnowledgeFileException yamlError(Path file, int firstLine, String what, JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException marked) {
        Mark problemAt = marked.getProblemMark();
        Mark contextAt = marked.getContextMark();
        // An unclosed bracket or quote is noticed lines later; its start is where to look.
        Mark at = contextAt != null ? contextAt : problemAt;
        String problem = marked.getProblem() == null ? "cannot be parsed" : marked.getProblem().strip();
        String context = marked.getContext() == null ? ""
            : " (" + marked.getContext().strip() + (contextAt != null ? " that starts here" : "") + ")";
        int line = at == null ? firstLine + 1 : firstLine + at.getLine() + 1;
        return new KnowledgeFileException(file, line, what + " is not valid YAML: " + oneLine(problem) + oneLine(context));
      }
    }
    int line = e.getLocation() == null ? firstLine + 1 : firstLine + e.getLocation().getLineNr();
    return new KnowledgeFileException(file, line, what + " is not valid YAML: " + oneLine(e.getOriginalMessage()));
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ");
  }
}
