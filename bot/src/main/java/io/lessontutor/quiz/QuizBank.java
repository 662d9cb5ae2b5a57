package io.lessontutor.quiz;

import io.lessontutor.search.LessonAnalyzers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lessontutor.knowledge.KnowledgeFileException;
import io.lessontutor.knowledge.KnowledgeFiles;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.Passage;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Every quiz question the tutor asks, loaded from {@code quizzes/*.yaml} under the knowledge
 * folder and checked against the lessons at start-up. Immutable and safe to share between threads.
 *
 * <p>A file looks like this:
 * <pre>
 * lesson: when-to-fine-tune-vs-when-to-just-prompt
 * questions:
 *   - id: first-move
 *     passage: when-to-fine-tune-vs-when-to-just-prompt/the-premise/1
 *     question: What should most teams exhaust before they consider fine-tuning?
 *     choices: [Prompting + RAG, Full fine-tuning]
 *     answer: Prompting + RAG
 *     explanation: Most teams should exhaust prompting + RAG before considering fine-tuning.
 * </pre>
 *
 * <p>Loading fails with a {@link KnowledgeFileException} naming the file, the line and the question
 * id when a question is malformed, its passage is missing or belongs to another lesson, its answer
 * is not among its choices, its choices are not two to four distinct ones, its id is taken, or its
 * explanation is not one sentence supported by its passage. "Supported" is measured lexically (see
 * {@link #supportOf}): at least {@value #MIN_SUPPORT} of the explanation's content words, stemmed,
 * must occur in the passage. That catches an explanation pointing at the wrong passage or drifting
 * away from the lesson's wording, which is what grounded reveals quote.
 */
public final class QuizBank {

  /** Share of an explanation's content words that its passage must contain. */
  public static final double MIN_SUPPORT = 0.6;

  private static final Set<String> FILE_KEYS = Set.of("lesson", "questions");
  private static final Set<String> QUESTION_KEYS =
      Set.of("id", "passage", "question", "choices", "answer", "explanation");
  private static final Pattern ID = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
  /** A sentence ending followed by another sentence's start: the explanation has two sentences. */
  private static final Pattern SECOND_SENTENCE = Pattern.compile("[.!?]\\s+[A-Z]");

  private final List<QuizQuestion> questions;
  private final Map<String, QuizQuestion> byId;

  public QuizBank(List<QuizQuestion> questions) {
    this.questions = List.copyOf(questions);
    Map<String, QuizQuestion> map = new LinkedHashMap<>();
    for (QuizQuestion q : this.questions) {
      if (map.put(q.id(), q) != null) {
        throw new IllegalArgumentException("question id '" + q.id() + "' is used twice");
      }
    }
    this.byId = Map.copyOf(map);
  }

  /** Loads every {@code *.yaml} file in {@code knowledgeDir/quizzes}, in file-name order. */
  public static QuizBank load(Path knowledgeDir, LessonLibrary library) {
    Path dir = knowledgeDir.resolve("quizzes");
    if (!Files.isDirectory(dir)) {
      throw new KnowledgeFileException(dir, 0, "no quizzes folder: expected " + dir.toAbsolutePath());
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    if (files.isEmpty()) {
      throw new KnowledgeFileException(dir, 0, "no quiz files (*.yaml) in the quizzes folder");
    }
    Loader loader = new Loader(library);
    files.forEach(loader::read);
    return new QuizBank(loader.questions);
  }

  /** The titles of the lessons the questions test, in question order, without repeats. */
  public List<String> lessonTitles() {
    return questions.stream().map(q -> q.passage().lessonTitle()).distinct().toList();
  }

  /** All questions, in file order. */
  public List<QuizQuestion> questions() {
    return questions;
  }

  public Optional<QuizQuestion> question(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public int size() {
    return questions.size();
  }

  /**
   * The share (0 to 1) of the explanation's content words that also occur in the passage, both run
   * through Lucene's {@link EnglishAnalyzer} (lower case, English stop words removed, Porter stems).
   * An explanation without content words has no support.
   */
  public static double supportOf(String explanation, String passage) {
    Set<String> claimed = contentWords(explanation);
    if (claimed.isEmpty()) {
      return 0;
    }
    Set<String> available = contentWords(passage);
    long found = claimed.stream().filter(available::contains).count();
    return (double) found / claimed.size();
  }

  static Set<String> contentWords(String text) {
    try (Analyzer analyzer = new EnglishAnalyzer()) {
      return new LinkedHashSet<>(LessonAnalyzers.terms(analyzer, text));
    }
  }

  /** Reads files one by one, remembering ids across files. */
  private static final class Loader {
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final LessonLibrary library;
    private final List<QuizQuestion> questions = new ArrayList<>();
    private final Map<String, Path> seen = new HashMap<>();

    Loader(LessonLibrary library) {
      this.library = library;
    }

    void read(Path file) {
      List<String> lines;
      JsonNode root;
      try {
        lines = KnowledgeFiles.readLines(file);
        root = yaml.readTree(String.join("\n", lines));
      } catch (JsonProcessingException e) {
        throw KnowledgeFiles.yamlError(file, 0, "the quiz file", e);
      } catch (IOException e) {
        throw new KnowledgeFileException(file, 0, "cannot read the file: " + e.getMessage());
      }
      if (root == null || !root.isObject()) {
        throw new KnowledgeFileException(file, 1, "a quiz file is a map with 'lesson' and 'questions'");
      }
      Optional<String> unknown = unknownKeys(root, FILE_KEYS);
      if (unknown.isPresent()) {
        throw fail(file, lineOf(lines, unknown.get() + ":"), null,
            "unknown key '" + unknown.get() + "' (known: lesson, questions)");
      }
      String lesson = root.path("lesson").asText("").strip();
      if (lesson.isEmpty()) {
        throw fail(file, 1, null, "the file lacks 'lesson', the id of the lesson its questions test");
      }
      if (library.lessons().stream().noneMatch(l -> l.id().equals(lesson))) {
        throw fail(file, lineOf(lines, "lesson:"), null, "lesson '" + lesson + "' is not in the lessons folder");
      }
      JsonNode list = root.path("questions");
      if (!list.isArray() || list.isEmpty()) {
        throw fail(file, lineOf(lines, "questions:"), null, "'questions' must be a list with at least one question");
      }
      int index = 0;
      for (JsonNode node : list) {
        index++;
        questions.add(question(file, lines, lesson, node, index));
      }
    }

    private QuizQuestion question(Path file, List<String> lines, String lesson, JsonNode node, int index) {
      if (!node.isObject()) {
        throw fail(file, lineOf(lines, "questions:"), null, "question " + index + " must be a map of keys and values");
      }
      String id = node.path("id").asText("").strip();
      if (id.isEmpty()) {
        throw fail(file, lineOf(lines, "questions:"), null, "question " + index + " has no 'id'");
      }
      int line = lineOf(lines, "- id: " + id);
      if (!ID.matcher(id).matches()) {
        throw fail(file, line, id, "the id must be lower-case words joined by '-'");
      }
      Path twin = seen.putIfAbsent(id, file);
      if (twin != null) {
        throw fail(file, line, id, "the id is already used" + (twin.equals(file) ? " in this file" : " in " + twin));
      }
      Optional<String> unknown = unknownKeys(node, QUESTION_KEYS);
      if (unknown.isPresent()) {
        throw fail(file, line, id, "unknown key '" + unknown.get() + "' (known: "
            + String.join(", ", QUESTION_KEYS.stream().sorted().toList()) + ")");
      }
      String text = required(file, line, id, node, "question");
      String explanation = required(file, line, id, node, "explanation");
      String answer = required(file, line, id, node, "answer");
      String passageId = required(file, line, id, node, "passage");

      JsonNode choiceNodes = node.path("choices");
      if (!choiceNodes.isArray()) {
        throw fail(file, line, id, "'choices' must be a list");
      }
      List<String> choices = new ArrayList<>();
      Set<String> distinct = new HashSet<>();
      for (JsonNode choice : choiceNodes) {
        String value = choice.isValueNode() ? choice.asText("").strip().replaceAll("\\s+", " ") : "";
        if (value.isEmpty()) {
          throw fail(file, line, id, "a choice is empty");
        }
        if (!distinct.add(value.toLowerCase(Locale.ROOT))) {
          throw fail(file, line, id, "the choice '" + value + "' appears twice");
        }
        choices.add(value);
      }
      if (choices.size() < QuizQuestion.MIN_CHOICES || choices.size() > QuizQuestion.MAX_CHOICES) {
        throw fail(file, line, id, "it has " + choices.size() + " choices; a question needs "
            + QuizQuestion.MIN_CHOICES + " to " + QuizQuestion.MAX_CHOICES);
      }
      int right = choices.indexOf(answer);
      if (right < 0) {
        throw fail(file, line, id, "the answer '" + answer + "' is not one of its choices");
      }

      Passage passage = library.passage(passageId).orElse(null);
      if (passage == null) {
        throw fail(file, line, id, "passage '" + passageId + "' does not exist in the lessons");
      }
      if (!passage.lessonId().equals(lesson)) {
        throw fail(file, line, id, "passage '" + passageId + "' belongs to lesson '" + passage.lessonId()
            + "', not to this file's lesson '" + lesson + "'");
      }
      if (SECOND_SENTENCE.matcher(explanation).find()) {
        throw fail(file, line, id, "the explanation must be one sentence");
      }
      double support = supportOf(explanation, passage.text());
      if (support < MIN_SUPPORT) {
        Set<String> missing = contentWords(explanation);
        missing.removeAll(contentWords(passage.text()));
        throw fail(file, line, id, String.format(Locale.ROOT,
            "passage '%s' does not support the explanation: only %.0f%% of its content words occur in the"
                + " passage (at least %.0f%% needed); not found: %s",
            passageId, support * 100, MIN_SUPPORT * 100, String.join(", ", missing)));
      }
      return new QuizQuestion(id, text, choices, right, explanation, passage);
    }

    private static String required(Path file, int line, String id, JsonNode node, String key) {
      JsonNode value = node.get(key);
      if (value == null || !value.isValueNode() || value.asText().isBlank()) {
        throw fail(file, line, id, "'" + key + "' is missing or empty");
      }
      return value.asText().strip().replaceAll("\\s+", " ");
    }

    private static Optional<String> unknownKeys(JsonNode node, Set<String> known) {
      for (var names = node.fieldNames(); names.hasNext(); ) {
        String key = names.next();
        if (!known.contains(key)) {
          return Optional.of(key);
        }
      }
      return Optional.empty();
    }

    private static int lineOf(List<String> lines, String prefix) {
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).strip().startsWith(prefix)) {
          return i + 1;
        }
      }
      return 0;
    }

    private static KnowledgeFileException fail(Path file, int line, String id, String problem) {
      return new KnowledgeFileException(file, line, id == null ? problem : "question '" + id + "': " + problem);
    }
  }
}
