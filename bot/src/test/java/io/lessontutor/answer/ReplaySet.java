package io.lessontutor.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.Passage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The calibration set in {@code llm/replays.yaml}, with its passage ids resolved in the real lesson. */
public record ReplaySet(List<Case> cases) {

  /** One replayed answer: what the model says, and whether it is grounded. */
  public record Reply(String question, String text, String kind) {
    public boolean grounded() {
      return kind.equals("grounded");
    }
  }

  public record Case(String question, List<Passage> passages, List<Reply> grounded, List<Reply> hallucinated) {
    public List<Reply> all() {
      List<Reply> out = new ArrayList<>(grounded);
      out.addAll(hallucinated);
      return out;
    }
  }

  public static ReplaySet load(LessonLibrary library) {
    try (InputStream in = ReplaySet.class.getResourceAsStream("/llm/replays.yaml")) {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
      String lesson = root.get("lesson").asText();
      List<Case> cases = new ArrayList<>();
      for (JsonNode c : root.get("cases")) {
        String question = c.get("question").asText();
        List<Passage> passages = new ArrayList<>();
        for (JsonNode id : c.get("passages")) {
          String full = lesson + "/" + id.asText();
          passages.add(library.passage(full).orElseThrow(() -> new IllegalStateException("replays.yaml: no passage " + full)));
        }
        List<Reply> grounded = new ArrayList<>();
        c.get("grounded").forEach(g -> grounded.add(new Reply(question, g.asText(), "grounded")));
        List<Reply> hallucinated = new ArrayList<>();
        c.get("hallucinated").forEach(h -> hallucinated.add(new Reply(
            h.has("question") ? h.get("question").asText() : question, h.get("text").asText(), h.get("kind").asText())));
        cases.add(new Case(question, passages, grounded, hallucinated));
      }
      return new ReplaySet(cases);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
