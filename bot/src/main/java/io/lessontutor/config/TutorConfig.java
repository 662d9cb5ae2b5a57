package io.lessontutor.config;

import java.nio.file.Path;
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
  /** Threads that answer Slack questions after the ack; more lets more questions run at once. */
  public static final String SLACK_WORKERS = "TUTOR_SLACK_WORKERS";
  public static final int DEFAULT_SLACK_WORKERS = 8;

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
    return get(name).map(v -> parseInt(name, v)).orElse(fallback);
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
    }
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

  public String slackApiUrl() {
    String url = get(SLACK_API_URL, DEFAULT_SLACK_API_URL);
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
