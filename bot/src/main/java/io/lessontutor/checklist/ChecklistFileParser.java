package io.lessontutor.checklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lessontutor.knowledge.KnowledgeFileException;
import io.lessontutor.knowledge.KnowledgeFiles;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.Passage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a checklist file and checks it against the lesson library: every check and verdict names
 * a passage that exists and quotes a line that is in that passage. Anything wrong stops start-up
 * with a {@link KnowledgeFileException} naming the file, the line, the check and the problem.
 */
public final class ChecklistFileParser {

  private static final List<String> ROOT_KEYS = List.of("id", "title", "checks", "verdicts");
  private static final List<String> CHECK_KEYS = List.of("id", "question", "why", "passage", "quote");
  private static final List<String> VERDICT_KEYS = List.of("id", "headline", "next_step", "passage", "quote");
  private static final Pattern ID = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
  private final LessonLibrary library;

  public ChecklistFileParser(LessonLibrary library) {
    this.library = library;
  }

  /** Loads {@value Checklist#FILE} from the knowledge folder. */
  public Checklist load(Path knowledgeDir) {
    return parse(knowledgeDir.resolve(Checklist.FILE));
  }

  public Checklist parse(Path file) {
    return new FileReader(file, KnowledgeFiles.readLines(file, "the checklist file")).read();
  }

  /** The state of reading one file: its lines, for pointing at the line that is wrong. */
  private final class FileReader {
    private final Path file;
    private final List<String> lines;

    FileReader(Path file, List<String> lines) {
      this.file = file;
      this.lines = lines;
    }

    Checklist read() {
      JsonNode root;
      try {
        root = yaml.readTree(String.join("\n", lines));
      } catch (JsonProcessingException e) {
        throw KnowledgeFiles.yamlError(file, 0, "the checklist file", e);
      }
      if (root == null || !root.isObject()) {
        throw new KnowledgeFileException(file, 1, "a checklist file is a map with keys " + ROOT_KEYS);
      }
      requireKnownKeys(root, ROOT_KEYS, "the checklist", 0);
      String id = text(root, "id", "the checklist", 0);
      String title = text(root, "title", "the checklist", 0);

      List<Check> checks = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (JsonNode node : list(root, "checks")) {
        String checkId = itemId(node, "check", seen);
        int at = lineOfItem(checkId);
        requireKnownKeys(node, CHECK_KEYS, "check '" + checkId + "'", at);
        String what = "check '" + checkId + "'";
        Passage passage = passage(node, what, at);
        String quote = quote(node, passage, what, at);
        checks.add(new Check(checkId, text(node, "question", what, at), text(node, "why", what, at), passage, quote));
      }

      List<Verdict> verdicts = new ArrayList<>();
      Set<String> verdictIds = new HashSet<>();
      for (JsonNode node : list(root, "verdicts")) {
        String verdictId = itemId(node, "verdict", verdictIds);
        int at = lineOfItem(verdictId);
        requireKnownKeys(node, VERDICT_KEYS, "verdict '" + verdictId + "'", at);
        String what = "verdict '" + verdictId + "'";
        Passage passage = passage(node, what, at);
        String quote = quote(node, passage, what, at);
        verdicts.add(new Verdict(verdictId, text(node, "headline", what, at), text(node, "next_step", what, at), passage, quote));
      }
      return new Checklist(id, title, checks, verdicts, file);
    }

    private List<JsonNode> list(JsonNode root, String key) {
      JsonNode node = root.get(key);
      if (node == null || !node.isArray() || node.isEmpty()) {
        throw new KnowledgeFileException(file, lineOf(key + ":", 0), "'" + key + "' must be a non-empty list");
      }
      List<JsonNode> items = new ArrayList<>();
      node.forEach(items::add);
      return items;
    }

    private String itemId(JsonNode node, String kind, Set<String> seen) {
      if (!node.isObject() || !node.hasNonNull("id") || node.get("id").asText().isBlank()) {
        throw new KnowledgeFileException(file, lineOf(kind.equals("check") ? "checks:" : "verdicts:", 0),
            "every " + kind + " needs an 'id' (found a " + kind + " without one)");
      }
      String id = node.get("id").asText().strip();
      if (!ID.matcher(id).matches()) {
        throw new KnowledgeFileException(file, lineOfItem(id), kind + " id '" + id + "' must be lower-case words joined by '-'");
      }
      if (!seen.add(id)) {
        throw new KnowledgeFileException(file, lineOfItem(id, 2), kind + " id '" + id + "' is used twice");
      }
      return id;
    }

    private Passage passage(JsonNode node, String what, int at) {
      String passageId = text(node, "passage", what, at);
      return library.passage(passageId).orElseThrow(() -> new KnowledgeFileException(file, lineOf("passage:", at),
          what + ": passage '" + passageId + "' is not in the lesson library"
              + " (ids look like <lesson id>/<section slug>/<position>, e.g. "
              + library.passages().get(0).id() + ")"));
    }

    private String quote(JsonNode node, Passage passage, String what, int at) {
      String quote = text(node, "quote", what, at);
      if (!passage.text().contains(quote)) {
        throw new KnowledgeFileException(file, lineOf("quote:", at),
            what + ": the quote \"" + quote + "\" is not in passage " + passage.id()
                + ", whose text is \"" + passage.text() + "\"");
      }
      return quote;
    }

    private String text(JsonNode node, String key, String what, int at) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        throw new KnowledgeFileException(file, at, what + " lacks '" + key + "'");
      }
      if (!value.isValueNode() || value.asText().isBlank()) {
        throw new KnowledgeFileException(file, lineOf(key + ":", at), what + ": '" + key + "' must be non-empty text");
      }
      return value.asText().strip();
    }

    private void requireKnownKeys(JsonNode node, List<String> known, String what, int at) {
      for (var names = node.fieldNames(); names.hasNext(); ) {
        String key = names.next();
        if (!known.contains(key)) {
          throw new KnowledgeFileException(file, lineOf(key + ":", at),
              what + ": unknown key '" + key + "' (known: " + String.join(", ", known) + ")");
        }
      }
    }

    /** 1-based line of the item whose id is given (its n-th occurrence); 0 when not found. */
    private int lineOfItem(String id) {
      return lineOfItem(id, 1);
    }

    private int lineOfItem(String id, int occurrence) {
      Pattern idLine = Pattern.compile("^-?\\s*id:\\s*[\"']?" + Pattern.quote(id) + "[\"']?\\s*$");
      int found = 0;
      for (int i = 0; i < lines.size(); i++) {
        if (idLine.matcher(lines.get(i).strip()).matches() && ++found == occurrence) {
          return i + 1;
        }
      }
      return 0;
    }

    /** 1-based line of the first line at or after {@code from} that starts with the prefix. */
    private int lineOf(String prefix, int from) {
      for (int i = Math.max(0, from - 1); i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.startsWith(prefix) || line.startsWith("- " + prefix)) {
          return i + 1;
        }
      }
      return from;
    }
  }
}
