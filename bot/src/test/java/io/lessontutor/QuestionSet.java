package io.lessontutor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The question set in {@code questions.yaml}: answerable questions with their expected passage, off-topic and adversarial ones. */
public record QuestionSet(List<Answerable> answerable, List<Answerable> heldOut, List<String> offTopic, List<String> adversarial) {

  /**
   * A question the lesson answers, the id of the passage that should rank first and, where the
   * lesson says the same thing twice, the other passage that may (else null).
   */
  public record Answerable(String question, String expectedPassage, String alsoOk) {
    public boolean accepts(String passageId) {
      return passageId.equals(expectedPassage) || passageId.equals(alsoOk);
    }
  }

  public static QuestionSet load() {
    try (InputStream in = QuestionSet.class.getResourceAsStream("/questions.yaml")) {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
      String lesson = root.get("lesson").asText();
      return new QuestionSet(answerable(root.get("answerable"), lesson), answerable(root.get("heldout"), lesson),
          strings(root.get("off_topic")), strings(root.get("adversarial")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Answerable> answerable(JsonNode array, String lesson) {
    List<Answerable> out = new ArrayList<>();
    array.forEach(n -> out.add(new Answerable(n.get("q").asText(), lesson + "/" + n.get("expect").asText(),
        n.hasNonNull("also_ok") ? lesson + "/" + n.get("also_ok").asText() : null)));
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Every question that must be refused. */
  public List<String> refusable() {
    List<String> all = new ArrayList<>(offTopic);
    all.addAll(adversarial);
    return all;
  }
}
