package io.lessontutor.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting the tutor reads from its environment: each variable's name is a constant here,
 * next to its default and meaning. Built from a map so that tests pass their own.
 *
 * <p>Secrets (tokens, the signing secret, API keys) are kept out of {@link #toString()}.
 */
public final class TutorConfig {

  /** Folder holding {@code lessons/}, {@code checklists/} and {@code quizzes/}. */
  public static final String KNOWLEDGE_DIR = "TUTOR_KNOWLEDGE_DIR";
  public static final String DEFAULT_KNOWLEDGE_DIR = "knowledge";

  /** Folder for the embedded database and other state. */
  public static final String DATA_DIR = "TUTOR_DATA_DIR";
  public static final String DEFAULT_DATA_DIR = "data";

  /**
   * Which lessons of the knowledge folder the tutor serves: lesson ids or globs ({@code *} any
   * characters, {@code ?} one), separated by commas, such as {@code when-to-fine-tune-*,rag-*}.
   * Unset: every lesson in the folder.
   */
  public static final String LESSONS = "TUTOR_LESSONS";
  /** What a lesson id or glob in {@value #LESSONS} may hold. */
  private static final java.util.regex.Pattern LESSON_GLOB = java.util.regex.Pattern.compile("[a-z0-9*?]+(-[a-z0-9*?]+)*|\\*");

  /** A JDBC URL for another database; by default an SQLite file in the data folder. */
  public static final String DATABASE_URL = "TUTOR_DATABASE_URL";

  /** {@code hybrid} (BM25 fused with embeddings, the default) or {@code bm25}. */
  public static final String RETRIEVAL = "TUTOR_RETRIEVAL";
  public static final String DEFAULT_RETRIEVAL = "hybrid";

  /** Seconds people have to answer each question of a channel quiz round. */
  public static final String QUIZ_SECONDS = "TUTOR_QUIZ_SECONDS";
  public static final int DEFAULT_QUIZ_SECONDS = 20;

  /** The workspace's timezone for scheduled quiz rounds given without one (a java.time zone id). */
  public static final String QUIZ_TIMEZONE = "TUTOR_QUIZ_TIMEZONE";
  public static final String DEFAULT_QUIZ_TIMEZONE = "UTC";

  /** Slack bot token ({@code xoxb-...}): with it the tutor runs on Slack instead of the console. */
  public static final String SLACK_BOT_TOKEN = "SLACK_BOT_TOKEN";
  /** Slack app-level token ({@code xapp-...}) for Socket Mode. */
  public static final String SLACK_APP_TOKEN = "SLACK_APP_TOKEN";
  /** Slack signing secret, for HTTP mode. */
  public static final String SLACK_SIGNING_SECRET = "SLACK_SIGNING_SECRET";
  /** Base URL of Slack's Web API; GovSlack workspaces and tests change it. */
  public static final String SLACK_API_URL = "SLACK_API_URL";
  public static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
  /** Port of the HTTP mode's server. */
  public static final String PORT = "PORT";
  public static final int DEFAULT_PORT = 3000;
  /**
   * Port of the metrics and health server in Socket Mode ({@code /metrics}, {@code /livez},
   * {@code /readyz}); unset, there is none. In HTTP mode they are served on {@value #PORT} as well.
   */
  public static final String METRICS_PORT = "TUTOR_METRICS_PORT";
  /**
   * How long the text of declined questions and not-helpful answers is kept for the gap report:
   * {@code on} (30 days), a number of days ({@code 7} or {@code 7d}, 1 to 365), or {@code off}
   * (never stored; only counts remain).
   */
  public static final String KEEP_QUESTIONS = "TUTOR_KEEP_QUESTIONS";
  /** Log lines as {@code text} (the default, for people) or {@code json} (one object a line, for a log pipeline). */
  public static final String LOG_FORMAT = "TUTOR_LOG_FORMAT";
  /** {@code on} lets log lines carry words people wrote (a decline's full reason); {@code off} by default. */
  public static final String LOG_TEXT = "TUTOR_LOG_TEXT";
  public static final int DEFAULT_KEEP_QUESTION_DAYS = 30;
  public static final int MAX_KEEP_QUESTION_DAYS = 365;
  /** Threads that answer Slack questions after the ack; more lets more questions run at once. */
  public static final String SLACK_WORKERS = "TUTOR_SLACK_WORKERS";
  public static final int DEFAULT_SLACK_WORKERS = 8;
  public static final int MAX_SLACK_WORKERS = 256;
  /** What each kind of Slack token starts with. */
  static final String BOT_TOKEN_PREFIX = "xoxb-";
  static final String APP_TOKEN_PREFIX = "xapp-";

  /**
   * Which Slack surface the app's manifest declares: {@code assistant} (the assistant panel,
   * {@code scripts/slack-manifest.yml}, the default) or {@code agent} (the agent messaging
   * experience, {@code scripts/slack-manifest-agent.yml}).
   */
  public static final String SLACK_SURFACE = "TUTOR_SLACK_SURFACE";
  public static final String DEFAULT_SLACK_SURFACE = "assistant";
  /**
   * Who answers what the tutor cannot: Slack user ids ({@code U0123,U0456}, each gets a direct
   * message) or one channel id ({@code C0123}, the bot must be in it). Unset: no "Ask a person".
   */
  public static final String EXPERTS = "TUTOR_EXPERTS";
  /**
   * Who sees the gap report (what people asked that the lessons do not answer) on App Home, with
   * its CSV: Slack user ids separated by commas ({@code U0123,U0456}). Unset: nobody.
   */
  public static final String ADMINS = "TUTOR_ADMINS";

  /** Language model that rephrases answers: {@code none} (the default: no network), {@code openai}, {@code anthropic}, {@code ollama}. */
  public static final String LLM = "TUTOR_LLM";
  public static final String DEFAULT_LLM = "none";
  /** How long to wait for the language model before falling back: seconds ({@code 8}) or {@code 8s}, {@code 1500ms}. */
  public static final String LLM_TIMEOUT = "TUTOR_LLM_TIMEOUT";
  public static final String DEFAULT_LLM_TIMEOUT = "8s";
  /** OpenAI or any OpenAI-compatible server (vLLM, LM Studio, Ollama's /v1). */
  public static final String OPENAI_API_KEY = "OPENAI_API_KEY";
  /** Base URL of an OpenAI-compatible server, ending in {@code /v1}; unset means OpenAI itself. */
  public static final String OPENAI_BASE_URL = "OPENAI_BASE_URL";
  public static final String OPENAI_MODEL = "OPENAI_MODEL";
  public static final String DEFAULT_OPENAI_MODEL = "gpt-4o-mini";
  public static final String ANTHROPIC_API_KEY = "ANTHROPIC_API_KEY";
  /** Base URL of Anthropic's API, ending in {@code /v1}; unset means Anthropic itself. */
  public static final String ANTHROPIC_BASE_URL = "ANTHROPIC_BASE_URL";
  public static final String ANTHROPIC_MODEL = "ANTHROPIC_MODEL";
  public static final String DEFAULT_ANTHROPIC_MODEL = "claude-haiku-4-5-20251001";
  /** Ollama's own API (not its OpenAI-compatible one). */
  public static final String OLLAMA_BASE_URL = "OLLAMA_BASE_URL";
  public static final String DEFAULT_OLLAMA_BASE_URL = "http://localhost:11434";
  public static final String OLLAMA_MODEL = "OLLAMA_MODEL";
  public static final String DEFAULT_OLLAMA_MODEL = "llama3.2";

  private final Map<String, String> env;

  public TutorConfig(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The process environment. */
  public static TutorConfig fromEnvironment() {
    return new TutorConfig(System.getenv());
  }

  /** A copy with some variables set or replaced; handy in tests and for command-line flags. */
  public TutorConfig with(Map<String, String> overrides) {
    var merged = new java.util.HashMap<>(env);
    merged.putAll(overrides);
    return new TutorConfig(merged);
  }

  /** The variable's value, absent when unset or blank. */
  public Optional<String> get(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  public String get(String name, String fallback) {
    return get(name).orElse(fallback);
  }

  /** A whole number, or the fallback when unset; a value that is not a number stops start-up. */
  public int getInt(String name, int fallback) {
    return get(name).map(v -> parseInt(name, v, Integer.MIN_VALUE, Integer.MAX_VALUE)).orElse(fallback);
  }

  /** A whole number from {@code min} to {@code max}, or the fallback when unset; anything else stops start-up. */
  public int getInt(String name, int fallback, int min, int max) {
    return get(name).map(v -> parseInt(name, v, min, max)).orElse(fallback);
  }

  private static int parseInt(String name, String value, int min, int max) {
    String range = min == Integer.MIN_VALUE ? "" : " from " + min + " to " + max;
    int number;
    try {
      number = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number" + range + ", not '" + value + "'");
    }
    if (number < min || number > max) {
      throw new IllegalArgumentException(name + " must be a whole number" + range + ", not " + number);
    }
    return number;
  }

  /**
   * One of the allowed words, in any case ({@code BM25} is {@code bm25}), or the fallback when
   * unset; returned as written in {@code allowed}. Anything else stops start-up, naming the choices.
   */
  public String choice(String name, String fallback, List<String> allowed) {
    String value = get(name).orElse(fallback);
    for (String word : allowed) {
      if (word.equalsIgnoreCase(value)) {
        return word;
      }
    }
    throw new IllegalArgumentException(name + " must be " + String.join(" or ", allowed.stream().map(w -> "'" + w + "'").toList())
        + " (in any case), not '" + value + "'");
  }

  /** {@value #RETRIEVAL}: {@code hybrid} or {@code bm25}. */
  public String retrieval() {
    return choice(RETRIEVAL, DEFAULT_RETRIEVAL, List.of("hybrid", "bm25"));
  }

  /**
   * {@value #LESSONS}: the ids or globs it lists, empty when unset (every lesson). Anything but
   * lower-case ids with {@code *} or {@code ?} stops start-up, naming the variable.
   */
  public List<String> lessons() {
    Optional<String> value = get(LESSONS);
    if (value.isEmpty()) {
      return List.of();
    }
    List<String> globs = new java.util.ArrayList<>();
    for (String part : value.get().split(",")) {
      String glob = part.strip();
      if (glob.isEmpty()) {
        continue;
      }
      if (!LESSON_GLOB.matcher(glob).matches()) {
        throw new IllegalArgumentException(LESSONS + " lists lesson ids or globs separated by commas, such as"
            + " 'when-to-fine-tune-vs-when-to-just-prompt' or 'rag-*' (lower-case words joined by '-', with * or ?),"
            + " not '" + glob + "'");
      }
      globs.add(glob);
    }
    if (globs.isEmpty()) {
      throw new IllegalArgumentException(LESSONS + " lists no lesson: give lesson ids or globs separated by commas,"
          + " or leave it unset for every lesson");
    }
    return List.copyOf(globs);
  }

  /** {@value #PORT}, from 1 to 65535. */
  public int port() {
    return getInt(PORT, DEFAULT_PORT, 1, 65_535);
  }

  /** {@value #METRICS_PORT}, from 1 to 65535, or empty when unset. */
  public java.util.OptionalInt metricsPort() {
    return get(METRICS_PORT).map(v -> java.util.OptionalInt.of(parseInt(METRICS_PORT, v, 1, 65_535)))
        .orElse(java.util.OptionalInt.empty());
  }

  /** {@value #LOG_FORMAT}: {@code text} or {@code json}. */
  public String logFormat() {
    return choice(LOG_FORMAT, "text", List.of("text", "json"));
  }

  /** {@value #LOG_TEXT}: {@code on} or {@code off}. */
  public boolean logText() {
    return choice(LOG_TEXT, "off", List.of("on", "off")).equals("on");
  }

  /** {@value #ADMINS}: Slack user ids, in the order given; empty when unset. */
  public List<String> admins() {
    Optional<String> value = get(ADMINS);
    if (value.isEmpty()) {
      return List.of();
    }
    List<String> ids = java.util.Arrays.stream(value.get().split("[\\s,]+")).filter(s -> !s.isBlank()).distinct().toList();
    if (ids.isEmpty() || !ids.stream().allMatch(id -> id.matches("[UW][A-Z0-9]{2,30}"))) {
      throw new IllegalArgumentException(ADMINS + " must be Slack user ids separated by commas (U0123ABCD,U0456EFGH),"
          + " not '" + value.get() + "' (a person's member ID is in their Slack profile)");
    }
    return ids;
  }

  /** {@value #KEEP_QUESTIONS} as days; 0 for {@code off}. */
  public int keepQuestionDays() {
    Optional<String> value = get(KEEP_QUESTIONS);
    if (value.isEmpty() || value.get().equalsIgnoreCase("on")) {
      return DEFAULT_KEEP_QUESTION_DAYS;
    }
    if (value.get().equalsIgnoreCase("off")) {
      return 0;
    }
    String days = value.get().toLowerCase(java.util.Locale.ROOT);
    if (days.endsWith("d")) {
      days = days.substring(0, days.length() - 1);
    }
    if (!days.matches("\\d{1,4}")) {
      throw new IllegalArgumentException(KEEP_QUESTIONS + " must be 'on', 'off' or a number of days from 1 to "
          + MAX_KEEP_QUESTION_DAYS + " (7 or 7d), not '" + value.get() + "'");
    }
    return parseInt(KEEP_QUESTIONS, days, 1, MAX_KEEP_QUESTION_DAYS);
  }

  /** {@value #SLACK_WORKERS}, from 1 to {@value #MAX_SLACK_WORKERS}. */
  public int slackWorkers() {
    return getInt(SLACK_WORKERS, DEFAULT_SLACK_WORKERS, 1, MAX_SLACK_WORKERS);
  }

  /** The bot token, which must be set and look like one ({@code xoxb-}); the message never shows it. */
  public String slackBotToken() {
    String token = get(SLACK_BOT_TOKEN).orElseThrow(() -> new IllegalArgumentException(SLACK_BOT_TOKEN
        + " is not set: copy the Bot User OAuth Token (xoxb-...) from your Slack app's OAuth & Permissions page."));
    if (token.startsWith(BOT_TOKEN_PREFIX)) {
      return token;
    }
    if (token.startsWith(APP_TOKEN_PREFIX)) {
      throw new IllegalArgumentException(SLACK_BOT_TOKEN + " holds an app-level token (xapp-...), not the bot token"
          + " (xoxb-...)" + (get(SLACK_APP_TOKEN).filter(t -> t.startsWith(BOT_TOKEN_PREFIX)).isPresent()
              ? ": " + SLACK_BOT_TOKEN + " and " + SLACK_APP_TOKEN + " are swapped." : ": copy the Bot User OAuth Token"
              + " from your Slack app's OAuth & Permissions page."));
    }
    throw new IllegalArgumentException(SLACK_BOT_TOKEN + " must be the Bot User OAuth Token, which starts with xoxb-"
        + (token.startsWith("xoxp-") ? " (this is a user token, xoxp-...)" : "")
        + ": copy it from your Slack app's OAuth & Permissions page.");
  }

  /** The app-level token for Socket Mode, which must be set and look like one ({@code xapp-}). */
  public String slackAppToken() {
    String token = get(SLACK_APP_TOKEN).orElseThrow(() -> new IllegalArgumentException(SLACK_APP_TOKEN
        + " is not set: create an app-level token with connections:write on your Slack app's Basic Information page."));
    if (token.startsWith(APP_TOKEN_PREFIX)) {
      return token;
    }
    if (token.startsWith(BOT_TOKEN_PREFIX)) {
      throw new IllegalArgumentException(SLACK_APP_TOKEN + " holds a bot token (xoxb-...), not an app-level token"
          + " (xapp-...)" + (get(SLACK_BOT_TOKEN).filter(t -> t.startsWith(APP_TOKEN_PREFIX)).isPresent()
              ? ": " + SLACK_BOT_TOKEN + " and " + SLACK_APP_TOKEN + " are swapped."
              : ": create one with connections:write on your Slack app's Basic Information page."));
    }
    throw new IllegalArgumentException(SLACK_APP_TOKEN + " must be an app-level token, which starts with xapp-:"
        + " create one with connections:write on your Slack app's Basic Information page.");
  }

  public Path knowledgeDir() {
    return Path.of(get(KNOWLEDGE_DIR, DEFAULT_KNOWLEDGE_DIR));
  }

  public Path dataDir() {
    return Path.of(get(DATA_DIR, DEFAULT_DATA_DIR));
  }

  public String databaseUrl() {
    return get(DATABASE_URL).orElseGet(() -> "jdbc:sqlite:" + dataDir().resolve("tutor.db"));
  }

  /** {@value #SLACK_API_URL}, ending in '/'; it must be an http:// or https:// URL with a host. */
  public String slackApiUrl() {
    String url = get(SLACK_API_URL, DEFAULT_SLACK_API_URL);
    URI parsed;
    try {
      parsed = new URI(url);
    } catch (URISyntaxException e) {
      parsed = null;
    }
    if (parsed == null || parsed.getHost() == null
        || !("http".equalsIgnoreCase(parsed.getScheme()) || "https".equalsIgnoreCase(parsed.getScheme()))) {
      throw new IllegalArgumentException(SLACK_API_URL + " must be an http:// or https:// URL such as "
          + DEFAULT_SLACK_API_URL + ", not '" + url + "'");
    }
    return url.endsWith("/") ? url : url + "/";
  }

  /** True when a bot token is set, so the tutor should run on Slack. */
  public boolean slackConfigured() {
    return get(SLACK_BOT_TOKEN).isPresent();
  }

  @Override
  public String toString() {
    return "TutorConfig{knowledge=" + knowledgeDir() + ", data=" + dataDir()
        + ", slack=" + (slackConfigured() ? "configured" : "off") + "}";
  }
}
