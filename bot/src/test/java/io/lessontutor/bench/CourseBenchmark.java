package io.lessontutor.bench;

import io.lessontutor.answer.Answer;
import io.lessontutor.answer.Answerer;
import io.lessontutor.answer.ExtractiveAnswerer;
import io.lessontutor.answer.Question;
import io.lessontutor.answer.RealLessonQuestions;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.SyntheticCourse;
import io.lessontutor.search.Fusion;
import io.lessontutor.search.IndexFolder;
import io.lessontutor.search.LucenePassageRetriever;
import io.lessontutor.search.MiniLmEmbeddingModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/bench course --lessons N [--seed S]}: writes a generated course of N-1 lessons
 * beside the real lesson (so N lessons in all) under {@code target/course-N-seed-S}, then for the
 * hybrid retriever and plain BM25: time to build the index on disk (from nothing) to the first
 * answer, time to reopen it (lesson files read again) to the first answer, warm p50/p99 of the twenty real-lesson
 * questions, how many of them are answered from the real lesson, and the JVM's peak heap.
 */
public final class CourseBenchmark {

  private static final int ROUNDS = 10;
  private static final int WARM_UP_ROUNDS = 3;

  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    int lessons = intArg(a, "--lessons", 100);
    long seed = intArg(a, "--seed", 1);
    Path knowledge = Path.of(System.getProperty("tutor.knowledge.dir", "knowledge"));
    Path out = Path.of("target", "course-" + lessons + "-seed-" + seed);
    for (Path old : List.of(out, out.resolveSibling(out.getFileName() + "-index"))) {
      if (Files.exists(old)) {
        try (var walk = Files.walk(old)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    new SyntheticCourse(seed).write(knowledge, out, lessons - 1);
    long loadStart = System.nanoTime();
    LessonLibrary library = LessonLibrary.load(out);
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    List<Question> questions = RealLessonQuestions.twenty();

    List<String> rows = new ArrayList<>();
    for (String mode : List.of("hybrid", "bm25")) {
      long start = System.nanoTime();
      MiniLmEmbeddingModel model = mode.equals("hybrid") ? new MiniLmEmbeddingModel() : null;
      String identity = model == null ? IndexFolder.NO_MODEL : MiniLmEmbeddingModel.IDENTITY;
      Fusion fusion = model == null ? Fusion.RRF : Fusion.WEIGHTED;
      Path folder = out.resolveSibling(out.getFileName() + "-index").resolve(mode);
      IndexFolder.Opened first = IndexFolder.open(folder, library.lessons(), model, identity).orElseThrow();
      LucenePassageRetriever built = new LucenePassageRetriever(first.directory(), library.passages(), model, fusion);
      new ExtractiveAnswerer(library, built, built.vocabulary()).answer(questions.get(0));
      double build = (System.nanoTime() - start) / 1e9 + loadSeconds;
      built.close();
      // a restart in this process: the lesson files read again, the index reopened, the first answer
      long restartStart = System.nanoTime();
      LessonLibrary again = LessonLibrary.load(out);
      IndexFolder.Opened reopened = IndexFolder.open(folder, again.lessons(), model, identity).orElseThrow();
      LucenePassageRetriever retriever = new LucenePassageRetriever(reopened.directory(), again.passages(), model, fusion);
      Answerer answerer = new ExtractiveAnswerer(again, retriever, retriever.vocabulary());
      answerer.answer(questions.get(0));
      double restart = (System.nanoTime() - restartStart) / 1e9;
      int fromReal = 0;
      List<String> misses = new ArrayList<>();
      for (Question q : questions) {
        Answer ans = answerer.answer(q);
        if (RealLessonQuestions.fromRealLesson(ans)) {
          fromReal++;
        } else {
          misses.add(q.text() + " → " + (ans.refused() ? "declined" : ans.primarySource() == null ? ans.kind()
              : ans.primarySource().passage()));
        }
      }
      for (int r = 0; r < WARM_UP_ROUNDS; r++) {
        questions.forEach(answerer::answer);
      }
      double[] times = new double[ROUNDS * questions.size()];
      int i = 0;
      for (int r = 0; r < ROUNDS; r++) {
        for (Question q : questions) {
          long t = System.nanoTime();
          answerer.answer(q);
          times[i++] = (System.nanoTime() - t) / 1e6;
        }
      }
      Arrays.sort(times);
      rows.add(String.format(Locale.ROOT, "| %d | %s | %.1f s | %.1f s (%d lessons re-indexed) | %.2f / %.2f ms | %d MB | %d/20 |", lessons,
          mode.equals("hybrid") ? "hybrid" : "plain BM25", build, restart, reopened.indexedLessons(), times[times.length / 2],
          times[(int) Math.ceil(times.length * 0.99) - 1], peakHeapMb(), fromReal));
      misses.forEach(m -> System.err.println(mode + " miss: " + m));
      retriever.close();
    }
    System.out.println("Course of " + lessons + " lessons (" + library.passages().size() + " passages, seed " + seed
        + ", in " + out + "), heap limit " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
    System.out.println();
    System.out.println("| lessons | retrieval | first build to first answer | restart to first answer | warm p50 / p99 | peak heap so far | real-lesson questions from the real lesson |");
    System.out.println("|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  private static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum / (1024 * 1024);
  }

  private static int intArg(List<String> args, String name, int fallback) {
    int at = args.indexOf(name);
    if (at < 0) {
      return fallback;
    }
    if (at + 1 >= args.size()) {
      throw new IllegalArgumentException(name + " needs a number");
    }
    try {
      return Integer.parseInt(args.get(at + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, not '" + args.get(at + 1) + "'");
    }
  }
}
