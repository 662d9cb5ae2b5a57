package io.lessontutor.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic course in the lesson file format, for tests and {@code scripts/bench course}: lessons
 * on topics from the real lesson's field (prompting, RAG, fine-tuning, evaluation, serving), so they
 * share its vocabulary and compete with it in retrieval, as the other 1,595 lessons of the course
 * would. The same seed and size always give the same files. Bullets under the negating heading carry
 * a valid {@code says:} line and a {@code claims:} line, so every file passes the parser's checks.
 */
public final class SyntheticCourse {

  /** The course the real lesson belongs to. */
  public static final int COURSE_SIZE = 1596;
  /** The real lesson's number, never given to a generated lesson. */
  public static final int REAL_LESSON_NUMBER = 657;

  private static final String[] TOPICS = {
      "prompt caching", "retrieval chunking", "embedding models", "vector databases", "reranking",
      "evaluation harnesses", "LLM-as-judge scoring", "A/B testing models", "guardrails", "prompt injection defence",
      "structured output", "function calling", "agent loops", "tool use", "context window budgeting",
      "token costs", "latency budgets", "model distillation", "quantization", "LoRA adapters",
      "synthetic training data", "data labeling", "hallucination checks", "citation grounding", "few-shot examples",
      "system prompts", "temperature settings", "streaming responses", "batch inference", "model routing",
      "open-weight models", "hosted model APIs", "prompt versioning", "regression suites", "red teaming",
      "PII redaction", "semantic search", "hybrid search", "knowledge graphs", "summarization pipelines"};
  private static final String[] ANGLES = {
      "for support bots", "at scale", "on a budget", "for internal tools", "in regulated industries",
      "for small teams", "in production", "for code assistants", "for search products", "for analytics",
      "with limited data", "for multilingual users", "on mobile", "for sales teams", "for legal documents",
      "for healthcare notes", "in the first week", "without a data team", "for enterprise rollouts", "for prototypes",
      "under tight latency", "with open-weight models", "for agents", "for content teams", "for onboarding",
      "for research teams", "for finance reports", "with long documents", "for chat products", "for voice apps",
      "for e-commerce", "for education", "for HR questions", "for developer docs", "for customer email",
      "for incident reviews", "for product managers", "for data pipelines", "for compliance reviews", "for startups"};
  private static final String[] TRACKS = {
      "Creators · Model Families", "Builders · Retrieval", "Builders · Evaluation", "Operators · Serving",
      "Leaders · Strategy", "Creators · Prompting"};
  private static final String[] GOOD = {
      "Start with a small evaluation set before changing %s",
      "Measure cost and latency of %s on real traffic",
      "Compare %s against a plain prompt baseline",
      "Keep a labeled dataset of failures to guide %s",
      "Version every change to %s so regressions are easy to find",
      "Review outputs of %s with the people who use them"};
  private static final String[] LIMITS = {
      "Replace careful evaluation",
      "Fix a vague product goal",
      "Remove the need for human review",
      "Guarantee correct answers"};
  private static final String[] TERMS = {
      "Baseline", "Evaluation set", "Regression", "Latency", "Throughput", "Ground truth"};
  private static final String[] TERM_DEFINITIONS = {
      "The simplest setup that %s is compared against.",
      "A fixed list of inputs and expected outputs used to judge %s.",
      "A change that makes %s worse on something that used to work.",
      "How long one request takes when using %s.",
      "How many requests per second %s can serve.",
      "The answers a person checked, against which %s is scored."};

  private final long seed;

  public SyntheticCourse(long seed) {
    this.seed = seed;
  }

  /** The lesson files of an {@code n}-lesson course, generated lessons only, in number order. */
  public List<LessonFile> lessons(int n) {
    if (n < 0 || n > COURSE_SIZE - 1) {
      throw new IllegalArgumentException("a generated course has 0 to " + (COURSE_SIZE - 1) + " lessons, not " + n);
    }
    Random random = new Random(seed);
    List<int[]> pairs = new ArrayList<>();
    for (int t = 0; t < TOPICS.length; t++) {
      for (int a = 0; a < ANGLES.length; a++) {
        pairs.add(new int[] {t, a});
      }
    }
    java.util.Collections.shuffle(pairs, random);
    List<LessonFile> files = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    int number = 0;
    for (int i = 0; i < n; i++) {
      number++;
      if (number == REAL_LESSON_NUMBER) {
        number++;
      }
      String topic = TOPICS[pairs.get(i)[0]];
      String angle = ANGLES[pairs.get(i)[1]];
      String title = capitalised(topic) + " " + angle;
      String id = slug(title);
      if (!ids.add(id)) {
        throw new IllegalStateException("two generated lessons share the id " + id);
      }
      files.add(new LessonFile(String.format(Locale.ROOT, "lesson-%04d-%s.md", number, id), id, title, topic,
          lesson(random, number, id, title, topic, angle, pairs)));
    }
    return files;
  }

  /**
   * Writes a knowledge folder: the real lesson (and its checklist and quiz folders) copied from
   * {@code realKnowledge}, beside {@code n} generated lessons.
   */
  public Path write(Path realKnowledge, Path target, int n) {
    try {
      copyTree(realKnowledge, target);
      Path lessons = target.resolve("lessons");
      for (LessonFile f : lessons(n)) {
        Files.writeString(lessons.resolve(f.fileName()), f.text());
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a course to " + target, e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static String lesson(Random random, int number, String id, String title, String topic, String angle,
                               List<int[]> pairs) {
    StringBuilder s = new StringBuilder();
    String track = TRACKS[random.nextInt(TRACKS.length)];
    int minutes = 5 + random.nextInt(30);
    s.append("---\n")
        .append("id: ").append(id).append('\n')
        .append("title: \"").append(title).append("\"\n")
        .append("lesson: ").append(number).append('\n')
        .append("course_size: ").append(COURSE_SIZE).append('\n')
        .append("track: \"").append(track).append("\"\n")
        .append("reading_time: \"~").append(minutes).append(" min read\"\n")
        .append("summary: \"").append(capitalised(topic)).append(' ').append(angle)
        .append(" pays off when a team measures it against a simple baseline before investing more.\"\n")
        .append("scope: \"").append(topic).append(' ').append(angle).append(": baselines, measurement and limits\"\n")
        .append("suggested_questions:\n")
        .append("  - \"When does ").append(topic).append(" pay off ").append(angle).append("?\"\n")
        .append("---\n\n");
    s.append("# The premise\n\n")
        .append(capitalised(topic)).append(' ').append(angle)
        .append(" is worth the effort only when a team can show it beats a simpler setup on the cases that matter.\n\n");
    s.append("# What AI does well here\n\n");
    for (String good : pick(random, GOOD, 3)) {
      s.append("- ").append(String.format(good, topic)).append('\n');
    }
    s.append("\n# What AI cannot do\n\n");
    for (String limit : pick(random, LIMITS, 2)) {
      s.append("- ").append(limit).append(" with ").append(topic).append('\n')
          .append("  says: ").append(capitalised(topic)).append(" can't ")
          .append(Character.toLowerCase(limit.charAt(0))).append(limit.substring(1)).append(".\n")
          .append("  claims: no: ").append(topic).append(' ').append(limit.toLowerCase(Locale.ROOT)).append('\n');
    }
    s.append("\n# Related lessons\n\n");
    for (int r = 0; r < 2; r++) {
      int[] other = pairs.get(random.nextInt(pairs.size()));
      String related = capitalised(TOPICS[other[0]]) + " " + ANGLES[other[1]];
      s.append("- [").append(related).append("] (").append(TRACKS[random.nextInt(TRACKS.length)]).append(" · ")
          .append(5 + random.nextInt(30)).append(" min) How ").append(TOPICS[other[0]])
          .append(" changes ").append(ANGLES[other[1]]).append(".\n");
    }
    s.append("\n# Key terms\n\n");
    int t = random.nextInt(TERMS.length);
    for (int k = 0; k < 2; k++) {
      int at = (t + k) % TERMS.length;
      s.append("- **").append(TERMS[at]).append("**: ").append(String.format(TERM_DEFINITIONS[at], topic)).append('\n');
    }
    return s.toString();
  }

  private static List<String> pick(Random random, String[] from, int n) {
    List<String> all = new ArrayList<>(List.of(from));
    java.util.Collections.shuffle(all, random);
    return all.subList(0, n);
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String slug(String title) {
    return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  /** One generated lesson file: its name, id, title, topic and text. */
  public record LessonFile(String fileName, String id, String title, String topic, String text) {
  }
}
