package io.lessontutor.answer;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How the language model has fared since start: answers it wrote, and fallbacks by reason.
 * Thread-safe; read by the benchmark, the tests and anyone who wants a health line.
 */
public final class LlmCounters {

  private final AtomicLong llmAnswers = new AtomicLong();
  private final AtomicLong notAttempted = new AtomicLong();
  private final Map<FallbackReason, AtomicLong> fallbacks = new EnumMap<>(FallbackReason.class);

  public LlmCounters() {
    for (FallbackReason reason : FallbackReason.values()) {
      fallbacks.put(reason, new AtomicLong());
    }
  }

  void countLlmAnswer() {
    llmAnswers.incrementAndGet();
  }

  void countNotAttempted() {
    notAttempted.incrementAndGet();
  }

  void countFallback(FallbackReason reason) {
    fallbacks.get(reason).incrementAndGet();
  }

  /** Answers the language model wrote and that passed the grounding check. */
  public long llmAnswers() {
    return llmAnswers.get();
  }

  /** Refusals and small talk, which the extractive answerer handles without asking the model. */
  public long notAttempted() {
    return notAttempted.get();
  }

  public long fallbacks(FallbackReason reason) {
    return fallbacks.get(reason).get();
  }

  public long fallbacks() {
    return fallbacks.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Every counter by name ("llm", "not_attempted", then each reason's code), in a stable order. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("llm", llmAnswers());
    out.put("not_attempted", notAttempted());
    fallbacks.forEach((reason, count) -> out.put(reason.code(), count.get()));
    return out;
  }

  @Override
  public String toString() {
    return "LlmCounters" + snapshot();
  }
}
