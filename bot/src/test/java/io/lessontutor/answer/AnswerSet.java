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
import java.util.Locale;
import java.util.Set;

/**
 * One file of an answer question set ({@code answers/round3-tuning.yaml} and {@code answers/round3-heldout.yaml},
 * split from one set before round 3 tuned anything; the older tuning, held-out and blind files), and how an
 * answerer scores on it.
 */
public record AnswerSet(String name, List<Item> items) {

  /** The lesson every passage id of the set belongs to. */
  static final String LESSON = "when-to-fine-tune-vs-when-to-just-prompt";

  /**
   * One question.
   *
   * @param kind answer, adjacent, offtopic or injection
   * @param expect the passages whose citation first makes a right answer (empty unless kind is answer)
   * @param stance the stance the lesson supports (yes, no, usually-not, lora, prompting, rag), or null
   * @param previous the message before it in the same thread, or null
   */
  public record Item(String kind, String question, List<String> expect, String stance, String previous) {
    public boolean answerable() {
      return kind.equals("answer");
    }

    public Question asQuestion() {
      return new Question(question, previous);
    }
  }

  public static AnswerSet tuning() {
    return load("tuning");
  }

  public static AnswerSet heldOut() {
    return load("heldout");
  }

  /** The blind set, written before the second round of tuning and scored once; now a regression row. */
  public static AnswerSet blind() {
    return load("blind");
  }

  /** Round 3's tuning half (answers/round3-tuning.yaml), split from 214 questions before round 3 tuned anything; now a regression row. */
  public static AnswerSet round3Tuning() {
    return load("round3-tuning");
  }

  /** Round 3's held-out half (answers/round3-heldout.yaml); its misses were read in round 4: now a regression row. */
  public static AnswerSet round3HeldOut() {
    return load("round3-heldout");
  }

  /**
   * Round 4's tuning half (answers/round4-tuning.yaml): written blind by an author who never read the
   * code or the other sets, split from 266 questions before any tuning on it.
   */
  public static AnswerSet round4Tuning() {
    return load("round4-tuning");
  }

  /** Round 4's held-out half (answers/round4-heldout.yaml): never read nor tuned on, only its counts printed after every change. */
  public static AnswerSet round4HeldOut() {
    return load("round4-heldout");
  }

  /**
   * Round 6 (answers/round6-blind.yaml): written blind like round 4, after round 4's misses were read,
   * and kept for measurement only: {@code scripts/bench blind} prints its counts, never its questions.
   */
  public static AnswerSet round6Blind() {
    return load("round6-blind");
  }

  static AnswerSet load(String name) {
    try (InputStream in = AnswerSet.class.getResourceAsStream("/answers/" + name + ".yaml")) {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
      List<Item> items = new ArrayList<>();
      root.forEach(n -> {
        List<String> expect = new ArrayList<>();
        if (n.has("expect")) {
          n.get("expect").forEach(e -> expect.add(LESSON + "/" + e.asText()));
        }
        items.add(new Item(n.get("kind").asText(), n.get("q").asText(), List.copyOf(expect),
            n.hasNonNull("stance") ? n.get("stance").asText() : null,
            n.hasNonNull("previous") ? n.get("previous").asText() : null));
      });
      return new AnswerSet(name, List.copyOf(items));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How an answerer did on the set; misses name the question and what went wrong. */
  public record Score(int answerable, int answeredRight, int declinable, int declinedRight,
                      int negationsNeeded, int negationsCarried,
                      int stanceQuestions, int rightStance, int noStance, int wrongStance,
                      List<String> misses) {
    public String percent(int n, int of) {
      return of == 0 ? "-" : String.format(Locale.ROOT, "%d/%d (%.0f%%)", n, of, 100.0 * n / of);
    }
  }

  /**
   * The stances that agree: "Usually not" is a right answer where the lesson's stance is "No", and back;
   * "Prompt engineering" where it is "Prompting".
   */
  static boolean agrees(String expected, Stance given) {
    Set<String> family = switch (expected) {
      case "no", "usually-not" -> Set.of("no", "usually-not");
      // the lesson's own name for prompting ("Try prompt engineering first")
      case "prompting" -> Set.of("prompting", "prompt engineering");
      default -> Set.of(expected);
    };
    return family.contains(given.label());
  }

  public Score score(Answerer answerer, LessonLibrary library) {
    int answerable = 0, right = 0, declinable = 0, declined = 0, negNeeded = 0, negCarried = 0;
    int stanceQs = 0, rightStance = 0, noStance = 0, wrongStance = 0;
    List<String> misses = new ArrayList<>();
    for (Item item : items) {
      Answer a = answerer.answer(item.asQuestion());
      String label = (item.previous() == null ? "" : "[after “" + item.previous() + "”] ") + "“" + item.question() + "”";
      for (Source s : a.sources()) {
        Passage p = library.passage(s.passage()).orElseThrow();
        if (p.says() != null) {
          negNeeded++;
          if (a.text().contains(p.says())) {
            negCarried++;
          } else {
            misses.add("negation missing: " + label + " → " + oneLine(a.text()));
          }
        }
      }
      if (item.answerable()) {
        answerable++;
        boolean ok = a.kind() == Answer.Kind.ANSWERED && item.expect().contains(a.primarySource().passage());
        if (ok) {
          right++;
        } else {
          misses.add("answer: " + label + " → " + (a.kind() == Answer.Kind.ANSWERED
              ? shortId(a.primarySource().passage()) : a.kind() + (a.reason() == null ? "" : " (" + a.reason() + ")"))
              + ", expected " + item.expect().stream().map(AnswerSet::shortId).toList());
        }
        if (item.stance() != null) {
          stanceQs++;
          Stance given = Stance.opening(a.text()).orElse(null);
          if (given == null) {
            noStance++;
            misses.add("no stance: " + label + " (lesson: " + item.stance() + ")");
          } else if (agrees(item.stance(), given)) {
            rightStance++;
          } else {
            wrongStance++;
            misses.add("WRONG STANCE: " + label + " → " + given.label() + ", lesson: " + item.stance());
          }
        } else if (Stance.opening(a.text()).isPresent() && a.kind() == Answer.Kind.ANSWERED) {
          // a stance where the set expects none is scored as a wrong stance: it says more than the lesson
          stanceQs++;
          wrongStance++;
          misses.add("WRONG STANCE (none expected): " + label + " → " + Stance.opening(a.text()).get().label());
        }
      } else {
        declinable++;
        if (a.kind() != Answer.Kind.ANSWERED) {
          declined++;
        } else {
          misses.add("decline (" + item.kind() + "): " + label + " → " + shortId(a.primarySource().passage()));
        }
      }
    }
    return new Score(answerable, right, declinable, declined, negNeeded, negCarried, stanceQs, rightStance, noStance,
        wrongStance, List.copyOf(misses));
  }

  static String shortId(String id) {
    return id.startsWith(LESSON + "/") ? id.substring(LESSON.length() + 1) : id;
  }

  private static String oneLine(String text) {
    String t = text.replace('\n', ' ');
    return t.length() > 120 ? t.substring(0, 120) + "…" : t;
  }
}
