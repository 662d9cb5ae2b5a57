package io.lessontutor.answer;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.lessontutor.knowledge.Passage;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rephrases the extractive answer's content in the tutor's own voice through a language model,
 * and posts it only when every sentence passes the {@link GroundingCheck}.
 *
 * <p>The fallback answerer is asked first and keeps the last word on relevance; the model is given
 * exactly the passages its gate approved ({@link Answer#grounds()}), never a retrieval of its own: refusals and
 * small talk are returned as they are, without calling the model, so the relevance gate lives in
 * one place. Only questions it answered are rephrased. Whenever the model's reply fails the
 * grounding check, refuses, times out or errors, the fallback's answer is returned with
 * {@code answerer="extractive"} and {@link Answer#fallbackReason()} set; the reason is logged
 * and counted in {@link #counters()}.
 */
public final class LlmAnswerer implements StreamingAnswerer, AutoCloseable {

  /** Passages handed to the model and to the grounding check. */
  public static final int MAX_PASSAGES = 4;
  public static final String ANSWERER_LLM = "llm";
  public static final String ANSWERER_EXTRACTIVE = "extractive";

  private static final Logger log = LoggerFactory.getLogger(LlmAnswerer.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ChatModel chat;
  private final StreamingChatModel streaming;
  private final Answerer fallback;
  private final GroundingCheck grounding;
  private final Duration timeout;
  private final LlmCounters counters = new LlmCounters();
  private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "llm-call-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  /**
   * @param streaming the streaming flavour of the same model, or null when only single messages
   *     are wanted ({@link #answerStreaming} then answers in one piece)
   * @param timeout how long one answer may take the model, from request to last token
   */
  public LlmAnswerer(ChatModel chat, StreamingChatModel streaming,
      Answerer fallback, GroundingCheck grounding, Duration timeout) {
    this.chat = Objects.requireNonNull(chat, "chat");
    this.streaming = streaming;
    this.fallback = Objects.requireNonNull(fallback, "fallback");
    this.grounding = Objects.requireNonNull(grounding, "grounding");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the language model's timeout must be positive, not " + timeout);
    }
  }

  public LlmCounters counters() {
    return counters;
  }

  /**
   * The extractive answer and, when it answered the question, the passages and the request that
   * ask the model to rephrase it; refusals and small talk never reach the model.
   */
  private record Attempt(long start, Answer extractive, List<Passage> passages, ChatRequest request) {
    boolean worthAsking() {
      return request != null;
    }
  }

  private Attempt prepare(Question question) {
    long start = System.nanoTime();
    Answer extractive = fallback.answer(question);
    if (extractive.kind() != Answer.Kind.ANSWERED) {
      counters.countNotAttempted();
      return new Attempt(start, extractive, List.of(), null);
    }
    // exactly the passages the relevance gate approved: the model sees nothing the gate did not
    List<Passage> passages = extractive.grounds();
    if (passages.isEmpty()) {
      counters.countNotAttempted();
      return new Attempt(start, extractive, List.of(), null);
    }
    return new Attempt(start, extractive, passages,
        ChatRequest.builder().messages(LlmPrompt.messages(question, passages)).build());
  }

  @Override
  public Answer answer(Question question) {
    Attempt attempt = prepare(question);
    if (!attempt.worthAsking()) {
      return attempt.extractive();
    }
    long start = attempt.start();
    Answer extractive = attempt.extractive();
    List<Passage> passages = attempt.passages();
    Future<ChatResponse> call = calls.submit(() -> chat.chat(attempt.request()));
    String reply;
    try {
      ChatResponse response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      reply = response.aiMessage() == null || response.aiMessage().text() == null ? "" : response.aiMessage().text().strip();
    } catch (TimeoutException e) {
      call.cancel(true);
      return fallBack(extractive, FallbackReason.TIMEOUT, "no reply within " + timeout.toMillis() + " ms", start);
    } catch (ExecutionException e) {
      return fallBack(extractive, reasonFor(e.getCause()), describe(e.getCause()), start);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      return fallBack(extractive, FallbackReason.ERROR, "interrupted", start);
    }
    if (reply.isEmpty()) {
      return fallBack(extractive, FallbackReason.EMPTY, "no text", start);
    }
    if (LlmPrompt.isRefusal(reply)) {
      return fallBack(extractive, FallbackReason.REFUSED, "the model found no answer in the passages", start);
    }
    GroundingCheck.Verdict verdict = grounding.check(reply, passages);
    if (!verdict.grounded()) {
      return fallBack(extractive, verdict.failure(), verdict.detail(), start);
    }
    return llmAnswer(question, String.join(" ", verdict.sentences().stream().map(GroundingCheck.SentenceVerdict::sentence).toList()),
        verdict.sentences(), passages, extractive.reason(), start);
  }

  /**
   * Streams the model's reply sentence by sentence, each shown only once it has passed the
   * grounding check; see {@link StreamingAnswerer} for the caller's side of the contract. Without
   * a streaming model this answers in one piece and streams nothing.
   */
  @Override
  public Answer answerStreaming(Question question, Consumer<String> onVerifiedText) {
    Objects.requireNonNull(onVerifiedText, "onVerifiedText");
    if (streaming == null) {
      return answer(question);
    }
    Attempt attempt = prepare(question);
    if (!attempt.worthAsking()) {
      return attempt.extractive();
    }
    long start = attempt.start();
    Answer extractive = attempt.extractive();
    List<Passage> passages = attempt.passages();
    VerifiedStream stream = new VerifiedStream(passages, onVerifiedText);
    try {
      streaming.chat(attempt.request(), stream);
    } catch (RuntimeException e) {
      stream.onError(e);
    }
    Outcome outcome;
    try {
      outcome = stream.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      outcome = Outcome.failed(FallbackReason.TIMEOUT, "no complete reply within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      outcome = Outcome.failed(FallbackReason.ERROR, describe(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = Outcome.failed(FallbackReason.ERROR, "interrupted");
    } finally {
      stream.close();
    }
    if (outcome.failure() != null) {
      return fallBack(extractive, outcome.failure(), outcome.detail(), start);
    }
    return llmAnswer(question, String.join(" ", outcome.sentences().stream().map(GroundingCheck.SentenceVerdict::sentence).toList()),
        outcome.sentences(), passages, extractive.reason(), start);
  }

  @Override
  public void close() {
    calls.shutdownNow();
  }

  private Answer llmAnswer(Question question, String text, List<GroundingCheck.SentenceVerdict> sentences,
      List<Passage> passages, String reason, long start) {
    // Cite the passages that carried a sentence, in retrieval order.
    Set<String> used = new LinkedHashSet<>();
    sentences.forEach(s -> used.add(s.bestPassage()));
    List<Source> sources = new ArrayList<>();
    passages.stream().filter(p -> used.contains(p.id())).map(Source::of).forEach(sources::add);
    if (sources.isEmpty()) {
      passages.stream().map(Source::of).forEach(sources::add);
    }
    counters.countLlmAnswer();
    return new Answer(question.text(), text, Answer.Kind.ANSWERED, sources, millisSince(start), ANSWERER_LLM, null,
        reason, passages);
  }

  private Answer fallBack(Answer extractive, FallbackReason reason, String detail, long start) {
    counters.countFallback(reason);
    log.info("Language-model answer replaced by the extractive one: reason={} ({})", reason.code(), detail);
    return new Answer(extractive.question(), extractive.text(), extractive.kind(), extractive.sources(),
        millisSince(start), ANSWERER_EXTRACTIVE, reason.code(), extractive.reason(), extractive.grounds());
  }

  private static FallbackReason reasonFor(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof dev.langchain4j.exception.TimeoutException
          || t instanceof HttpTimeoutException
          || t instanceof java.net.SocketTimeoutException) {
        return FallbackReason.TIMEOUT;
      }
    }
    return FallbackReason.ERROR;
  }

  /** The error's type and message: no request, so no key, ever reaches the log. */
  private static String describe(Throwable error) {
    if (error == null) {
      return "unknown error";
    }
    String message = error.getMessage() == null ? "" : error.getMessage().replaceAll("\\s+", " ");
    if (message.length() > 200) {
      message = message.substring(0, 200) + "…";
    }
    return error.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private record Outcome(List<GroundingCheck.SentenceVerdict> sentences, FallbackReason failure, String detail) {
    static Outcome failed(FallbackReason reason, String detail) {
      return new Outcome(List.of(), reason, detail);
    }
  }

  /**
   * Collects streamed tokens into sentences, checks each complete one and passes it on. The
   * first failure settles the outcome; nothing is passed on after that, or after close.
   */
  private final class VerifiedStream implements StreamingChatResponseHandler {
    final CompletableFuture<Outcome> result = new CompletableFuture<>();
    private final List<Passage> passages;
    private final Consumer<String> onVerifiedText;
    private final StringBuilder text = new StringBuilder();
    private int offered;
    private final List<GroundingCheck.SentenceVerdict> verified = new ArrayList<>();
    private boolean closed;

    VerifiedStream(List<Passage> passages, Consumer<String> onVerifiedText) {
      this.passages = passages;
      this.onVerifiedText = onVerifiedText;
    }

    @Override
    public synchronized void onPartialResponse(String token) {
      if (closed || result.isDone() || token == null) {
        return;
      }
      text.append(token);
      List<String> sentences = GroundingCheck.sentences(text.toString());
      // The last piece may still grow; every one before it is finished and will not change.
      for (int i = offered; i < sentences.size() - 1 && !result.isDone(); i++) {
        accept(sentences.get(i));
        offered = i + 1;
      }
    }

    @Override
    public synchronized void onCompleteResponse(ChatResponse response) {
      if (closed || result.isDone()) {
        return;
      }
      if (text.length() == 0 && response != null && response.aiMessage() != null
          && response.aiMessage().text() != null) {
        // A server that sends the whole reply at the end, without partial tokens.
        text.append(response.aiMessage().text());
      }
      List<String> sentences = GroundingCheck.sentences(text.toString());
      for (int i = offered; i < sentences.size() && !result.isDone(); i++) {
        accept(sentences.get(i));
        offered = i + 1;
      }
      if (!result.isDone()) {
        result.complete(verified.isEmpty()
            ? Outcome.failed(FallbackReason.EMPTY, "no text")
            : new Outcome(verified, null, null));
      }
    }

    @Override
    public void onError(Throwable error) {
      result.complete(Outcome.failed(reasonFor(error), describe(error)));
    }

    synchronized void close() {
      closed = true;
    }

    private void accept(String sentence) {
      if (LlmPrompt.isRefusal(sentence)) {
        result.complete(Outcome.failed(FallbackReason.REFUSED, "the model found no answer in the passages"));
        return;
      }
      if (verified.size() == GroundingCheck.MAX_SENTENCES) {
        result.complete(Outcome.failed(FallbackReason.TOO_LONG, "more than " + GroundingCheck.MAX_SENTENCES + " sentences"));
        return;
      }
      GroundingCheck.SentenceVerdict verdict = grounding.checkSentence(sentence, passages);
      if (!verdict.supported()) {
        result.complete(Outcome.failed(verdict.failure(), "\"" + sentence + "\" overlap="
            + String.format(java.util.Locale.ROOT, "%.2f similarity=%.2f terms=%s",
                verdict.overlap(), verdict.similarity(), verdict.unsupportedTerms())));
        return;
      }
      onVerifiedText.accept(verified.isEmpty() ? sentence : " " + sentence);
      verified.add(verdict);
    }
  }
}
