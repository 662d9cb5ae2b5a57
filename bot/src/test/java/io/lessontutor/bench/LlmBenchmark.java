package io.lessontutor.bench;

import io.lessontutor.answer.Answer;
import io.lessontutor.answer.ChatModels;
import io.lessontutor.answer.FakeModelServer;
import io.lessontutor.answer.FakeModelServer.Script;
import io.lessontutor.answer.GroundingCheck;
import io.lessontutor.answer.LlmAnswerer;
import io.lessontutor.answer.Question;
import io.lessontutor.answer.ReplayRetriever;
import io.lessontutor.answer.ReplaySet;
import io.lessontutor.answer.TestLessons;
import io.lessontutor.config.TutorConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the grounding check costs and what it catches.
 *
 * <ol>
 *   <li>Time the check adds to one answer (p50/p99 over every replayed answer, passage
 *       embeddings warm), beside the time of the model call itself through the real OpenAI
 *       client and a loopback server (the baseline: no check).
 *   <li>On the replay set, through the fake server and the real client, single-message and
 *       streaming: hallucinated answers caught by kind, grounded answers wrongly rejected, beside
 *       the baseline of posting the model's reply unchecked.
 * </ol>
 *
 * <p>Run: {@code scripts/bench llm}. {@code --verbose} prints every sentence's scores.
 */
public final class LlmBenchmark {

  private static final int ROUNDS = 30;

  public static void main(String[] args) throws Exception {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    ReplaySet replays = ReplaySet.load(TestLessons.library());
    GroundingCheck check = new GroundingCheck();

    if (verbose) {
      printScores(replays, check);
    }

    // 1. Time the check adds.
    List<Long> checkNanos = new ArrayList<>();
    for (int round = 0; round < ROUNDS + 3; round++) {
      for (ReplaySet.Case c : replays.cases()) {
        for (ReplaySet.Reply reply : c.all()) {
          long start = System.nanoTime();
          check.check(reply.text(), c.passages());
          if (round >= 3) {
            checkNanos.add(System.nanoTime() - start);
          }
        }
      }
    }

    try (FakeModelServer server = new FakeModelServer()) {
      TutorConfig config = new TutorConfig(Map.of(TutorConfig.LLM, "openai",
          TutorConfig.OPENAI_BASE_URL, server.v1Url(), TutorConfig.LLM_TIMEOUT, "10s"));
      var chat = ChatModels.fromConfig(config).orElseThrow();
      List<Long> callNanos = new ArrayList<>();
      server.always(Script.reply("Try prompt engineering first."));
      for (int i = 0; i < ROUNDS * 5 + 10; i++) {
        long start = System.nanoTime();
        chat.chat("What should we try first?");
        if (i >= 10) {
          callNanos.add(System.nanoTime() - start);
        }
      }

      System.out.printf(Locale.ROOT, "Grounding check: time added per answer (%d checks; %d cores, load average %.1f)%n", checkNanos.size(),
          Runtime.getRuntime().availableProcessors(),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.printf(Locale.ROOT, "  %-44s %8s %8s%n", "", "p50 ms", "p99 ms");
      System.out.printf(Locale.ROOT, "  %-44s %8.2f %8.2f%n", "baseline: model call on loopback, no check", ms(callNanos, 50), ms(callNanos, 99));
      System.out.printf(Locale.ROOT, "  %-44s %8.2f %8.2f   (target p99 < 20 ms)%n", "grounding check", ms(checkNanos, 50), ms(checkNanos, 99));

      // 2. Catches and wrong rejections, through the real client.
      ReplayRetriever retriever = new ReplayRetriever(replays);
      try (LlmAnswerer answerer = new LlmAnswerer(chat, ChatModels.streamingFromConfig(config).orElseThrow(),
          retriever.extractive(), check, ChatModels.timeout(config))) {
        Tally single = new Tally();
        Tally streamed = new Tally();
        for (ReplaySet.Case c : replays.cases()) {
          for (ReplaySet.Reply reply : c.all()) {
            server.script(Script.reply(reply.text()));
            single.add(reply, answerer.answer(new Question(reply.question(), null)));
            server.script(Script.reply(reply.text()));
            streamed.add(reply, answerer.answerStreaming(new Question(reply.question(), null), text -> { }));
          }
        }
        System.out.println();
        System.out.println("Replay set through the fake server (" + single.total + " replies)");
        System.out.printf(Locale.ROOT, "  %-28s %22s %16s %16s%n", "", "baseline: no check", "single message", "streaming");
        for (String kind : single.byKind.keySet()) {
          int[] s = single.byKind.get(kind);
          int[] t = streamed.byKind.get(kind);
          String label = kind.equals("grounded") ? "grounded wrongly rejected" : kind + " caught";
          System.out.printf(Locale.ROOT, "  %-28s %22s %16s %16s%n", label, "0/" + s[1], s[0] + "/" + s[1], t[0] + "/" + t[1]);
        }
        System.out.printf(Locale.ROOT, "  %-28s %22s %16s %16s%n", "all hallucinated caught", "0/" + single.hallucinated,
            single.caught + "/" + single.hallucinated, streamed.caught + "/" + streamed.hallucinated);
        System.out.println("  answerer counters, both paths: " + answerer.counters().snapshot());
      }
    }
  }

  private static void printScores(ReplaySet replays, GroundingCheck check) {
    for (ReplaySet.Case c : replays.cases()) {
      for (ReplaySet.Reply reply : c.all()) {
        for (String sentence : GroundingCheck.sentences(reply.text())) {
          GroundingCheck.SentenceVerdict v = check.checkSentence(sentence, c.passages());
          System.out.printf(Locale.ROOT, "%-13s %-18s overlap=%.2f similarity=%.2f %s | %s%n", reply.kind(),
              v.supported() ? "ok" : v.failure().code(), v.overlap(), v.similarity(), v.unsupportedTerms(), sentence);
        }
      }
    }
    System.out.println();
  }

  private static double ms(List<Long> nanos, int percentile) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  /** Per kind: {rejected, total}. */
  private static final class Tally {
    final Map<String, int[]> byKind = new TreeMap<>(
        java.util.Comparator.comparing((String k) -> !k.equals("grounded")).thenComparing(java.util.Comparator.naturalOrder()));
    int total;
    int hallucinated;
    int caught;

    void add(ReplaySet.Reply reply, Answer answer) {
      boolean rejected = !answer.answerer().equals(LlmAnswerer.ANSWERER_LLM);
      int[] counts = byKind.computeIfAbsent(reply.kind(), k -> new int[2]);
      counts[1]++;
      total++;
      if (rejected) {
        counts[0]++;
      }
      if (!reply.grounded()) {
        hallucinated++;
        if (rejected) {
          caught++;
        }
      }
    }
  }
}
