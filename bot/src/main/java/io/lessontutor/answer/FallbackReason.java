package io.lessontutor.answer;

/**
 * Why a language-model answer was replaced by the extractive one. {@link #code()} is what
 * {@link Answer#fallbackReason()} carries and what {@code ask --json} prints as
 * {@code fallback_reason}.
 */
public enum FallbackReason {
  /** A sentence is not supported by the passages (too few of its words, or too far in meaning). */
  UNGROUNDED("ungrounded"),
  /** A number (digits, a percentage, a number word) that no passage states. */
  UNSUPPORTED_NUMBER("unsupported_number"),
  /** A name (a capitalised word, an acronym) that no passage mentions. */
  UNSUPPORTED_NAME("unsupported_name"),
  /** More sentences than the prompt allows. */
  TOO_LONG("too_long"),
  /** Markup that could ping people or link elsewhere ({@code @here}, {@code <...>}, a URL). */
  UNSAFE_TEXT("unsafe_text"),
  /** The model said the passages do not answer the question. */
  REFUSED("refused"),
  /** The model returned no text. */
  EMPTY("empty"),
  /** The model did not finish within {@code TUTOR_LLM_TIMEOUT}. */
  TIMEOUT("timeout"),
  /** The call failed: an HTTP error, a refused connection, a malformed response. */
  ERROR("error");

  private final String code;

  FallbackReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
