package io.lessontutor.bench;

import io.lessontutor.Tutor;
import io.lessontutor.answer.FakeModelServer;
import io.lessontutor.answer.FakeModelServer.Script;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.slack.SlackApp;
import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.SignedSlackRequests;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What streaming costs and buys on Slack's side: the real tutor with {@code TUTOR_LLM=openai}
 * (langchain4j's OpenAI client against the fake model server, which streams its reply at once),
 * the real Bolt app in HTTP mode and the fake Web API on loopback. One question at a time; for
 * each, the time from the signed event to the first answer text in Slack (chat.startStream, or
 * chat.postMessage) and to the final message with its blocks (chat.stopStream, or the same
 * chat.postMessage), and the chat.* calls per answer. Baseline: the same answers posted as one
 * message, in a workspace without streaming.
 *
 * <p>Run: {@code scripts/bench stream}.
 */
public final class StreamBenchmark {

  static final int QUESTIONS = Integer.getInteger("bench.questions", 60);
  static final int WARMUP = 10;
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String ANSWER = "Fine-tuning is rarely the right first move. "
      + "Most teams should exhaust prompting and RAG before considering fine-tuning.";

  record Row(String name, double firstP50, double firstP99, double finalP50, double finalP99, double callsPerAnswer) {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Files.createTempDirectory("stream-bench");
    try (FakeSlackApi api = new FakeSlackApi(); FakeModelServer model = new FakeModelServer()) {
      model.always(Script.reply(ANSWER));
      List<Row> rows;
      Tutor tutor = Tutor.start(SlackTestTutor.config(dataDir, api).with(Map.of(
          TutorConfig.LLM, "openai", TutorConfig.OPENAI_BASE_URL, model.v1Url())));
      try (Lane oneMessage = new Lane("one message", tutor, api, 1_000);
          Lane streamed = new Lane("streamed", tutor, api, 5_000)) {
        // The first lane learns that the workspace cannot stream, and keeps posting one message.
        api.streaming(false);
        oneMessage.ask(api, 0, false);
        api.streaming(true);
        // Interleaved, so both lanes see the same machine load.
        for (int i = 1; i <= WARMUP + QUESTIONS; i++) {
          oneMessage.ask(api, i, i > WARMUP);
          streamed.ask(api, i, i > WARMUP);
        }
        rows = List.of(oneMessage.row(), streamed.row());
      }

      System.out.println();
      System.out.printf("LLM answers into Slack, HTTP mode, fake model and Web API on loopback, %d questions, one at a time%n",
          QUESTIONS);
      System.out.printf("%-22s %12s %12s %12s %12s %14s%n", "", "first p50", "first p99", "final p50", "final p99",
          "chat.* calls");
      for (Row r : rows) {
        System.out.printf("%-22s %10.1fms %10.1fms %10.1fms %10.1fms %14.1f%n", r.name, r.firstP50, r.firstP99,
            r.finalP50, r.finalP99, r.callsPerAnswer);
      }
      System.out.println("baseline: 'one message' (a workspace without chat.startStream); first = first answer text"
          + " visible in Slack, final = message complete with its blocks");
      System.out.println("the fake model sends its whole reply at once: with a real model, which writes for seconds,"
          + " 'first' is what streaming shortens; here the rows show what streaming adds on Slack's side");
    }
  }

  /** One Slack app answering questions, with its figures. */
  private static final class Lane implements AutoCloseable {
    final String name;
    final int tsBase;
    final SlackApp slack;
    final SlackHttpServer server;
    final SignedSlackRequests slackSends;
    final List<Double> first = new ArrayList<>();
    final List<Double> last = new ArrayList<>();
    int calls;

    Lane(String name, Tutor tutor, FakeSlackApi api, int tsBase) throws Exception {
      this.name = name;
      this.tsBase = tsBase;
      slack = SlackApp.build(tutor, List.of());
      server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      slackSends = new SignedSlackRequests(server.port());
    }

    void ask(FakeSlackApi api, int i, boolean measured) throws Exception {
      api.clear();
      long sent = System.nanoTime();
      slackSends.event(SlackPayloads.appMention("Ev" + tsBase + "-" + i, "C0BENCH", "UBENCH", (tsBase + i) + ".000001",
          null, "<@" + FakeSlackApi.BOT_USER_ID + "> should we fine-tune first?"));
      Call done = awaitFinal(api);
      api.await("reactions.remove", 1, WAIT);
      Call shown = api.calls().stream()
          .filter(c -> c.method().equals("chat.postMessage") || c.method().equals("chat.startStream"))
          .findFirst().orElse(done);
      if (measured) {
        first.add((shown.atNanos() - sent) / 1e6);
        last.add((done.atNanos() - sent) / 1e6);
        calls += (int) api.calls().stream().filter(c -> c.method().startsWith("chat.")).count();
      }
    }

    Row row() {
      return new Row(name, percentile(first, 50), percentile(first, 99), percentile(last, 50), percentile(last, 99),
          (double) calls / first.size());
    }

    @Override
    public void close() {
      server.close();
      slack.close();
    }
  }

  /** The call that completes the answer: chat.stopStream when streamed, else chat.postMessage. */
  private static Call awaitFinal(FakeSlackApi api) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Call c : api.calls()) {
        if (c.method().equals("chat.stopStream") || c.method().equals("chat.postMessage")) {
          return c;
        }
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException("no answer within " + WAIT + "; calls: " + api.calls().stream().map(Call::method).toList());
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
