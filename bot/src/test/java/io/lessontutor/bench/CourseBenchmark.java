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
 * hybrid retriever and plain BM25, each in a JVM of its own (the same heap limit): time to build
 * the index on disk (from nothing) to the first answer, time to reopen it in that JVM, warm
 * p50/p99 of the twenty real-lesson questions, how many of them are answered from the real lesson,
 * for how many the real lesson's best passages score exactly as when it is served alone (what the
 * answer gate reads), and the JVM's peak heap and peak resident memory (VmHWM); then a true
 * restart: a new JVM that loads the model, reopens the index and answers, timed from its launch.
 */
public final class CourseBenchmark {

  private static final int ROUNDS = 10;
  private static final int WARM_UP_ROUNDS = 3;
  private static final String RESULT = "RESULT ";

  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    if (a.contains("--child")) {
      child(a);
      return;
    }
    int lessons = intArg(a, "--lessons", 100);
    long seed = intArg(a, "--seed", 1);
    Path knowledge = Path.of(System.getProperty("tutor.knowledge.dir", "knowledge"));
    Path out = Path.of("target", "course-" + lessons + "-seed-" + seed);
    for (Path old : List.of(out, out.resolveSibling(out.getFileName() + "-data"))) {
      if (Files.exists(old)) {
        try (var walk = Files.walk(old)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    new SyntheticCourse(seed).write(knowledge, out, lessons - 1);
    int passages = LessonLibrary.load(out).passages().size();
    String loadBefore = loadAverage();
    List<String> rows = new ArrayList<>();
    for (String mode : List.of("hybrid", "bm25")) {
      Path folder = out.resolveSibling(out.getFileName() + "-data").resolve("index").resolve(mode);
      String built = result(run("build", mode, out, folder));
      long launched = System.nanoTime();
      String restarted = result(run("restart", mode, out, folder));
      double restart = (System.nanoTime() - launched) / 1e9;
      String[] b = built.split("\t");
      String[] r = restarted.split("\t");
      String jar = jarRestart(mode, out, folder.getParent().getParent(), knowledge);
      rows.add(String.format(Locale.ROOT, "| %d | %s | %s s | %.1f s (%s; in the same JVM %s s) | %s | %s ms %s | %s MB | %s MB (restart %s MB) | %s/20 | %s/20 |",
          lessons, mode.equals("hybrid") ? "hybrid" : "plain BM25", b[0], restart, r[0], b[1], jar, b[2], b[3], b[4], b[5], r[1],
          b[6], b[7]));
    }
    System.out.println("Load average of the machine before and after: " + loadBefore + " / " + loadAverage());
    System.out.println("Course of " + lessons + " lessons (" + passages + " passages, seed " + seed + ", in " + out + "), "
        + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(x -> x.startsWith("-Xmx")).toList()));
    System.out.println();
    System.out.println("| lessons | retrieval | first build to first answer | restart in a new JVM to first answer (class folders) | restart as users run it: scripts/tutor ask, jar + CDS archive, launch to exit | warm p50 / p99 (CPU of the answering thread) | peak heap | peak RSS | from the real lesson | real lesson scored as alone |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  /**
   * The restart a user runs: {@code scripts/tutor ask} on the course (the packaged jar with its
   * class-data sharing archive, as the script keeps them), timed from launch to the process's exit
   * after its answer. A first, untimed run builds the jar if it is stale and writes the archive
   * anew (so that it holds the classes an answer loads).
   */
  private static String jarRestart(String mode, Path course, Path dataDir, Path knowledge) throws Exception {
    Path script = knowledge.toAbsolutePath().getParent().resolve("scripts").resolve("tutor");
    String question = LessonLibrary.load(course).lesson(RealLessonQuestions.REAL_LESSON_ID).orElseThrow()
        .suggestedQuestions().get(0);
    String heap = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(x -> x.startsWith("-Xmx")).findFirst().orElse("-Xmx512m");
    // the archive holds the classes of the run that wrote it: one written by "--version" would hold few
    Files.deleteIfExists(knowledge.toAbsolutePath().getParent().resolve("bot").resolve("target").resolve("lesson-tutor.jsa"));
    String answered = null;
    double seconds = 0;
    for (int run = 0; run < 2; run++) {
      ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "ask", "--json", question)
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      builder.environment().put(io.lessontutor.config.TutorConfig.KNOWLEDGE_DIR, course.toAbsolutePath().toString());
      builder.environment().put(io.lessontutor.config.TutorConfig.DATA_DIR, dataDir.toAbsolutePath().toString());
      builder.environment().put(io.lessontutor.config.TutorConfig.RETRIEVAL, mode);
      builder.environment().put("TUTOR_JAVA_OPTS", heap);
      long launched = System.nanoTime();
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int exit = process.waitFor();
      seconds = (System.nanoTime() - launched) / 1e9;
      if (exit != 0) {
        return "failed (exit " + exit + ")";
      }
      answered = output.contains("\"refused\":false") ? "answered" : "declined";
    }
    return String.format(Locale.ROOT, "%.1f s (%s)", seconds, answered);
  }

  /** Runs this class in a new JVM with the same heap limit and knowledge folder; its output, once it has ended. */
  private static List<String> run(String step, String mode, Path course, Path folder) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(x -> x.startsWith("-Xmx") || x.startsWith("-Dtutor.")).forEach(command::add);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), CourseBenchmark.class.getName(),
        "--child", step, mode, course.toString(), folder.toString()));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<String> lines = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(step + " " + mode + " failed (exit " + process.exitValue() + "): " + lines);
    }
    return lines;
  }

  private static String result(List<String> lines) {
    return lines.stream().filter(l -> l.startsWith(RESULT)).map(l -> l.substring(RESULT.length())).findFirst()
        .orElseThrow(() -> new IllegalStateException("no result in " + lines));
  }

  /** One step in a JVM of its own: "build" (from nothing, then measure) or "restart" (reopen, answer once). */
  private static void child(List<String> a) throws Exception {
    int at = a.indexOf("--child");
    String step = a.get(at + 1);
    String mode = a.get(at + 2);
    Path course = Path.of(a.get(at + 3));
    Path folder = Path.of(a.get(at + 4));
    if (step.equals("restart")) {
      // what scripts/tutor does at start: the knowledge folder, the model, the index reopened; then one question
      java.util.Map<String, String> env = new java.util.HashMap<>();
      env.put(io.lessontutor.config.TutorConfig.KNOWLEDGE_DIR, course.toString());
      env.put(io.lessontutor.config.TutorConfig.DATA_DIR, folder.getParent().getParent().toString());
      env.put(io.lessontutor.config.TutorConfig.RETRIEVAL, mode);
      try (io.lessontutor.Tutor tutor = io.lessontutor.Tutor.start(new io.lessontutor.config.TutorConfig(env))) {
        String first = tutor.library().lesson(RealLessonQuestions.REAL_LESSON_ID).orElseThrow().suggestedQuestions().get(0);
        Answer answer = tutor.answerer().answer(Question.of(first));
        // the whole process's CPU time, JVM start-up included: on an idle machine the wall time is about this or less
        double cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
        System.out.println(RESULT + String.format(Locale.ROOT, "%s, CPU %.1f s", answer.kind() == Answer.Kind.ANSWERED ? "answered"
            : answer.kind(), cpu) + "\t" + peakRssMb());
      }
      return;
    }
    long start = System.nanoTime();
    LessonLibrary library = LessonLibrary.load(course);
    MiniLmEmbeddingModel model = mode.equals("hybrid") ? new MiniLmEmbeddingModel() : null;
    String identity = model == null ? IndexFolder.NO_MODEL : MiniLmEmbeddingModel.IDENTITY;
    Fusion fusion = model == null ? Fusion.RRF : Fusion.WEIGHTED;
    IndexFolder.Opened first = IndexFolder.open(folder, library.lessons(), model, identity).orElseThrow();
    LucenePassageRetriever built = new LucenePassageRetriever(first.directory(), library.passages(), model, fusion);
    String firstQuestion = library.lesson(RealLessonQuestions.REAL_LESSON_ID).orElseThrow().suggestedQuestions().get(0);
    new ExtractiveAnswerer(library, built, built.vocabulary()).answer(Question.of(firstQuestion));
    double build = (System.nanoTime() - start) / 1e9;
    List<Question> questions = RealLessonQuestions.twenty();
    built.close();
    // a restart in this process: the lesson files read again, the index reopened, the first answer
    long restartStart = System.nanoTime();
    LessonLibrary again = LessonLibrary.load(course);
    IndexFolder.Opened reopened = IndexFolder.open(folder, again.lessons(), model, identity).orElseThrow();
    LucenePassageRetriever retriever = new LucenePassageRetriever(reopened.directory(), again.passages(), model, fusion);
    Answerer answerer = new ExtractiveAnswerer(again, retriever, retriever.vocabulary());
    answerer.answer(questions.get(0));
    double restart = (System.nanoTime() - restartStart) / 1e9;
    int fromReal = 0;
    for (Question q : questions) {
      Answer ans = answerer.answer(q);
      if (RealLessonQuestions.fromRealLesson(ans)) {
        fromReal++;
      } else {
        System.err.println(mode + " miss: " + q.text() + " → " + (ans.refused() ? "declined (" + ans.reason() + ")"
            : ans.primarySource() == null ? ans.kind() : ans.primarySource().passage()));
      }
    }
    int asAlone = scoredAsAlone(again, retriever, model, fusion, questions);
    for (int r = 0; r < WARM_UP_ROUNDS; r++) {
      questions.forEach(answerer::answer);
    }
    double[] times = new double[ROUNDS * questions.size()];
    double[] cpu = new double[times.length];
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int i = 0;
    for (int r = 0; r < ROUNDS; r++) {
      for (Question q : questions) {
        long c = threads.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        answerer.answer(q);
        times[i] = (System.nanoTime() - t) / 1e6;
        // the answering thread's own CPU time (the embedding model runs on it): what other processes on the machine do not change
        cpu[i++] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
      }
    }
    Arrays.sort(times);
    Arrays.sort(cpu);
    int p99 = (int) Math.ceil(times.length * 0.99) - 1;
    System.out.println(RESULT + String.format(Locale.ROOT, "%.1f\t%.1f\t%.1f / %.1f\t(CPU %.1f / %.1f)\t%d\t%d\t%d\t%d", build, restart,
        times[times.length / 2], times[p99], cpu[cpu.length / 2], cpu[p99], peakHeapMb(), peakRssMb(), fromReal, asAlone));
    retriever.close();
  }

  /**
   * For how many questions the real lesson's five best passages in the course have the order,
   * BM25 score and similarity they have when the real lesson is indexed alone: what the answer
   * gate reads does not drift as lessons are added.
   */
  private static int scoredAsAlone(LessonLibrary course, LucenePassageRetriever retriever, MiniLmEmbeddingModel model,
                                   Fusion fusion, List<Question> questions) throws Exception {
    List<io.lessontutor.knowledge.Passage> real = course.lesson(RealLessonQuestions.REAL_LESSON_ID).orElseThrow().passages();
    int same = 0;
    try (LucenePassageRetriever alone = new LucenePassageRetriever(real, model, fusion)) {
      for (Question q : questions) {
        var single = alone.retrieve(q.text(), 5);
        var inCourse = retriever.retrieve(q.text(), 100_000).stream()
            .filter(s -> s.passage().lessonId().equals(RealLessonQuestions.REAL_LESSON_ID)).limit(5).toList();
        boolean equal = single.size() == inCourse.size();
        for (int i = 0; equal && i < single.size(); i++) {
          equal = single.get(i).passage().id().equals(inCourse.get(i).passage().id())
              && Math.abs(single.get(i).bm25() - inCourse.get(i).bm25()) < 1e-4
              && (!single.get(i).hasSimilarity() || Math.abs(single.get(i).similarity() - inCourse.get(i).similarity()) < 1e-6);
        }
        same += equal ? 1 : 0;
      }
    }
    return same;
  }

  /** The most resident memory this JVM has held (VmHWM), heap, native buffers and the ONNX runtime included. */
  private static long peakRssMb() throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
      }
    }
    return -1;
  }

  /** The 1, 5 and 15 minute load averages: wall-clock figures mean little on a machine busy with other work. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
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
