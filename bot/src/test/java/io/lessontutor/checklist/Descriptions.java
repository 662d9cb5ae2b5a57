package io.lessontutor.checklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checklist description sets in {@code src/test/resources/checklist/}: the tuning file and the
 * held-out file (see the README there), each description with what it states and its verdict.
 */
public final class Descriptions {

  public static final String TUNING = "checklist/descriptions-tuning.yaml";
  public static final String HELD_OUT = "checklist/descriptions-heldout.yaml";
  /** Written later with a second tuning batch and split off before tuning on it; never looked into before the final run. */
  public static final String HELD_OUT_FRESH = "checklist/descriptions-heldout-fresh.yaml";
  /** Written with a third tuning batch, split off before tuning on it, and measured once at the end. */
  public static final String HELD_OUT_BLIND = "checklist/descriptions-heldout-blind.yaml";
  /** Written in the second round before any change to the pre-fill, committed alone, and measured once at its end. */
  public static final String HELD_OUT_FINAL = "checklist/descriptions-heldout-final.yaml";

  /**
   * Third round: one set written before any change to the pre-fill in that round, split by a fixed
   * seed into this tuning half and {@link #ROUND3_HELD_OUT}, and committed before tuning.
   */
  public static final String ROUND3_TUNING = "checklist/descriptions-round3-tuning.yaml";
  /** The third round's held-out half: its figure is reported after each change, its misses only at the end. */
  public static final String ROUND3_HELD_OUT = "checklist/descriptions-round3-heldout.yaml";

  /** Written during the third round's tuning, after the split, to find misses without the held-out half: tuning only. */
  public static final String ROUND3_TUNING_EXTRA = "checklist/descriptions-round3-tuning-extra.yaml";

  /** Written after round 3 ended, before any further change, committed alone, and measured once at the end. */
  public static final String ROUND4_BLIND = "checklist/descriptions-round4-blind.yaml";

  /**
   * Fifth round: one set of 110 written blind (its author never read the pre-fill's code, its
   * example lines, the other description files or the tuning notes), split by verdict with a fixed
   * seed into this tuning half and {@link #ROUND5_HELD_OUT} before any tuning.
   */
  public static final String ROUND5_TUNING = "checklist/descriptions-round5-tuning.yaml";
  /** The fifth round's held-out half: never tuned on; its counts after each change, its misses only at the end. */
  public static final String ROUND5_HELD_OUT = "checklist/descriptions-round5-heldout.yaml";

  /** Every description file, tuning files first. */
  public static final List<String> FILES = List.of(
      TUNING, ROUND3_TUNING, ROUND3_TUNING_EXTRA, ROUND5_TUNING, HELD_OUT, HELD_OUT_FRESH, HELD_OUT_BLIND, HELD_OUT_FINAL,
      ROUND3_HELD_OUT, ROUND4_BLIND, ROUND5_HELD_OUT);

  /** The short keys the files use, to check ids. */
  static final Map<String, String> KEYS = Map.of(
      "sound", DecisionRules.USE_CASE_SOUND, "prompt", DecisionRules.PROMPTING_PUSHED,
      "gap", DecisionRules.KNOWLEDGE_GAP, "rag", DecisionRules.RAG_TRIED, "stable", DecisionRules.USE_CASE_STABLE,
      "data", DecisionRules.LARGE_LABELED_DATASET, "quality", DecisionRules.DATA_HIGH_QUALITY,
      "cost", DecisionRules.LATENCY_OR_COST_PROBLEM, "format", DecisionRules.FORMAT_AT_VOLUME,
      "iterate", DecisionRules.SLOWER_ITERATION_OK);

  /** One description: the text, what it states (by check id) and the verdict the lesson implies. */
  public record Description(String text, Answers states, String verdict) {}

  private Descriptions() {}

  public static List<Description> load(String resource) {
    try (InputStream in = Descriptions.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the test class path");
      }
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
      List<Description> out = new ArrayList<>();
      for (JsonNode entry : root) {
        Map<String, AnswerValue> states = new LinkedHashMap<>();
        entry.path("states").fields().forEachRemaining(e -> {
          String check = KEYS.get(e.getKey());
          if (check == null) {
            throw new IllegalStateException(resource + ": unknown key " + e.getKey());
          }
          // YAML 1.1 reads yes / no as booleans
          String word = e.getValue().isBoolean() ? (e.getValue().asBoolean() ? "yes" : "no") : e.getValue().asText();
          states.put(check, AnswerValue.parse(word).orElseThrow(() ->
              new IllegalStateException(resource + ": " + e.getKey() + " must be yes or no")));
        });
        out.add(new Description(entry.path("text").asText(), new Answers(states), entry.path("verdict").asText()));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
