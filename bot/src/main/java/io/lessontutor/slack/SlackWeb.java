package io.lessontutor.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tutor's calls to Slack's Web API, each retried after a 429's Retry-After and turned into a
 * {@link SlackCallException} carrying Slack's error code when it fails. Every text passed in is
 * run through {@link SafeText#neutralize}; blocks are expected to be built the same way (see
 * {@code views}). Thread-safe.
 *
 * <p>Bolt's synchronous {@code MethodsClient} does not retry a 429 itself (only the async client
 * queues calls by tier), hence the retry here.
 */
public final class SlackWeb {

  private static final Logger log = LoggerFactory.getLogger(SlackWeb.class);

  /** How many times a rate-limited call is retried before giving up. */
  static final int MAX_RATE_LIMIT_RETRIES = 3;
  /** Longest wait honoured for one Retry-After; Slack's usual values are 1 to 30 seconds. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
  /** How many times a transient failure (5xx, timeout, reset) is retried, with {@link #backoff}. */
  static final int MAX_TRANSIENT_RETRIES = 3;
  /** The first pause after a transient failure; each next one doubles (0.25, 0.5, 1 s). */
  static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  /** Slack's error codes for a failure on its side, worth another try. */
  static final Set<String> TRANSIENT_ERRORS = Set.of("internal_error", "fatal_error", "service_unavailable",
      "request_timeout");
  /**
   * Methods whose repetition shows nothing twice: updates, reactions, views, statuses, look-ups.
   * Posting is not among them; {@link #postMessage} looks for its post before posting again.
   */
  static final Set<String> REPEATABLE = Set.of("chat.update", "reactions.add", "reactions.remove", "views.publish",
      "assistant.threads.setStatus", "assistant.threads.setTitle", "assistant.threads.setSuggestedPrompts",
      "conversations.open", "conversations.history", "conversations.replies", "chat.getPermalink", "auth.test");
  /** What a post carries (as Slack message metadata, invisible to people) so that it can be found again. */
  static final String POST_MARKER_EVENT = "lesson_tutor_post";

  /** Wait when a 429 carries no usable Retry-After. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  /** Longest plain-text fallback of a message, well inside Slack's 40,000. */
  public static final int MAX_FALLBACK_CHARS = 3_000;

  /** Longest markdown text Slack takes in one streaming call. */
  public static final int MAX_STREAM_CHARS = 12_000;
  /**
   * What {@code chat.startStream} answers when the workspace or the token cannot stream: an
   * older or GovSlack API without the method, a token or plan it is not allowed for.
   */
  static final Set<String> STREAMING_UNSUPPORTED = Set.of("unknown_method", "method_deprecated",
      "not_allowed", "not_allowed_token_type", "feature_not_enabled", "missing_scope", "http_404");

  private final MethodsClient client;
  /** False once Slack said this workspace cannot stream: then no answer tries again. */
  private volatile boolean streaming = true;

  private final io.lessontutor.metrics.TutorMetrics metrics;

  public SlackWeb(MethodsClient client) {
    this(client, io.lessontutor.metrics.TutorMetrics.NONE);
  }

  /** Calls Slack with the client, counting every call by method and error code, 429s and retries. */
  public SlackWeb(MethodsClient client, io.lessontutor.metrics.TutorMetrics metrics) {
    this.client = client;
    this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
  }

  /** One Web API call, as a lambda over Bolt's client. */
  @FunctionalInterface
  public interface Call<T extends SlackApiTextResponse> {
    T run(MethodsClient client) throws IOException, SlackApiException;
  }

  /**
   * Runs the call, retrying a 429 after its Retry-After, and a transient failure (a 5xx, a
   * timeout, a connection reset or refused, Slack's {@code internal_error}) up to
   * {@value #MAX_TRANSIENT_RETRIES} times with a growing pause, but only when repeating the call
   * cannot show anything twice: the method is {@link #REPEATABLE}, or the request never left.
   * Returns the response when Slack said ok; otherwise throws {@link SlackCallException} after
   * logging the method and Slack's error code.
   */
  public <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
    return call(method, call, null);
  }

  /**
   * The same, for a call that is not {@link #REPEATABLE}: after a failure that leaves unknown
   * whether Slack acted (a timeout, a reset, a 5xx), {@code landed} is asked; when it finds the
   * call's effect, that is returned instead of calling again, and when it cannot tell (null, or
   * empty after it failed itself) nothing is repeated.
   */
  <T extends SlackApiTextResponse> T call(String method, Call<T> call, Landed<T> landed) {
    try {
      T response = retrying(method, call, landed);
      metrics.slackCall(method, "ok");
      return response;
    } catch (SlackCallException e) {
      // the code alone: "unreachable (SocketTimeoutException) after 4 attempts" counts as unreachable
      metrics.slackCall(method, e.error().split("[ (]", 2)[0]);
      throw e;
    }
  }

  private <T extends SlackApiTextResponse> T retrying(String method, Call<T> call, Landed<T> landed) {
    int rateLimited = 0;
    for (int attempt = 0; ; attempt++) {
      Failure failure;
      try {
        T response = call.run(client);
        if (response.isOk()) {
          return response;
        }
        if (!TRANSIENT_ERRORS.contains(response.getError())) {
          throw failed(method, response.getError());
        }
        failure = new Failure(response.getError(), false);
      } catch (SlackApiException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().code();
        String error = e.getError() != null && e.getError().getError() != null
            ? e.getError().getError()
            : (status == 429 ? "ratelimited" : "http_" + status);
        if (status == 429) {
          metrics.slackRateLimited(method);
        }
        if (status == 429 && rateLimited++ < MAX_RATE_LIMIT_RETRIES) {
          metrics.slackRetry(method);
          Duration wait = retryAfter(e.getResponse().header("Retry-After"));
          log.info("Slack rate-limited {}; retrying in {} ms", method, wait.toMillis());
          sleep(wait, method);
          attempt--;
          continue;
        }
        if (status < 500) {
          throw failed(method, error);
        }
        failure = new Failure(error, false);
      } catch (IOException e) {
        // The exception's message may name the URL but never the token, which travels in a header.
        failure = new Failure("unreachable (" + e.getClass().getSimpleName() + ")", neverSent(e));
      }
      if (attempt >= MAX_TRANSIENT_RETRIES) {
        throw failed(method, failure.error() + " after " + (attempt + 1) + " attempts");
      }
      if (!REPEATABLE.contains(method) && !failure.neverSent()) {
        if (landed == null) {
          throw failed(method, failure.error() + " (not repeated: Slack may have acted on it)");
        }
        java.util.Optional<T> done = landed.find();
        if (done == null) {
          throw failed(method, failure.error() + " (not repeated: cannot tell whether Slack acted on it)");
        }
        if (done.isPresent()) {
          log.info("Slack {} failed with {} but had been carried out; not repeated", method, failure.error());
          return done.get();
        }
      }
      Duration pause = backoff(attempt);
      log.info("Slack {} failed with {}; trying again in {} ms", method, failure.error(), pause.toMillis());
      metrics.slackRetry(method);
      sleep(pause, method);
    }
  }

  /** Looks for a call's effect after a failure that left it unknown; see {@link #call(String, Call, Landed)}. */
  @FunctionalInterface
  interface Landed<T> {
    /** The effect found, empty when it surely did not happen, null when it cannot be told. */
    java.util.Optional<T> find();
  }

  private record Failure(String error, boolean neverSent) {}

  /** True when the request cannot have reached Slack: the connection was never made. */
  static boolean neverSent(IOException e) {
    return e instanceof java.net.ConnectException || e instanceof java.net.UnknownHostException
        || e instanceof java.net.NoRouteToHostException;
  }

  /** The pause before retry number {@code attempt + 1}: doubling from {@link #FIRST_BACKOFF}. */
  static Duration backoff(int attempt) {
    return FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt, 4));
  }

  static Duration retryAfter(String header) {
    if (header == null) {
      return DEFAULT_RETRY_AFTER;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      Duration wait = Duration.ofSeconds(Math.max(0, seconds));
      return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    } catch (NumberFormatException e) {
      return DEFAULT_RETRY_AFTER;
    }
  }

  private static void sleep(Duration wait, String method) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(method, "interrupted");
    }
  }

  private static SlackCallException failed(String method, String error) {
    String code = error == null ? "unknown_error" : error;
    log.warn("Slack Web API call {} failed: {}", method, code);
    return new SlackCallException(method, code);
  }

  /**
   * Posts a message (in a thread when {@code threadTs} is set) and returns its ts. The post carries
   * a marker in its metadata: when a post fails in a way that leaves unknown whether it landed, the
   * channel (or thread) is searched for the marker before posting again, so it never shows twice.
   */
  public String postMessage(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
    String fallback = SafeText.truncate(SafeText.neutralize(text), MAX_FALLBACK_CHARS);
    String marker = java.util.UUID.randomUUID().toString();
    String since = (System.currentTimeMillis() / 1000 - 60) + ".000000";
    var metadata = new com.slack.api.model.Message.Metadata(POST_MARKER_EVENT, java.util.Map.of("post", marker));
    return call("chat.postMessage", c -> c.chatPostMessage(r -> r
        .channel(channel)
        .threadTs(threadTs)
        .text(fallback)
        .blocks(blocks == null || blocks.isEmpty() ? null : blocks)
        .metadata(metadata)
        .unfurlLinks(false)
        .unfurlMedia(false)), () -> findPost(channel, threadTs, marker, since)).getTs();
  }

  /**
   * Posts a message whose blocks are already Slack's JSON (an answer kept as it was shown);
   * returns its ts. The blocks must have been built by the tutor, text neutralized.
   */
  public String postMessageJson(String channel, String threadTs, String text, String blocksJson) {
    String fallback = SafeText.truncate(SafeText.neutralize(text), MAX_FALLBACK_CHARS);
    return call("chat.postMessage", c -> c.chatPostMessage(r -> r
        .channel(channel)
        .threadTs(threadTs)
        .text(fallback)
        .blocksAsString(blocksJson)
        .unfurlLinks(false)
        .unfurlMedia(false))).getTs();
  }

  /** The post carrying the marker, as chat.postMessage would have answered; null when Slack cannot be asked. */
  private java.util.Optional<com.slack.api.methods.response.chat.ChatPostMessageResponse> findPost(String channel,
      String threadTs, String marker, String since) {
    try {
      List<com.slack.api.model.Message> messages = threadTs == null
          ? call("conversations.history", c -> c.conversationsHistory(r -> r
              .channel(channel).oldest(since).limit(MARKER_SEARCH_LIMIT).includeAllMetadata(true))).getMessages()
          : call("conversations.replies", c -> c.conversationsReplies(r -> r
              .channel(channel).ts(threadTs).oldest(since).limit(MARKER_SEARCH_LIMIT).includeAllMetadata(true)))
              .getMessages();
      if (messages == null) {
        return null;
      }
      return messages.stream()
          .filter(m -> m.getMetadata() != null && POST_MARKER_EVENT.equals(m.getMetadata().getEventType())
              && m.getMetadata().getEventPayload() != null && marker.equals(m.getMetadata().getEventPayload().get("post")))
          .findFirst()
          .map(m -> {
            var found = new com.slack.api.methods.response.chat.ChatPostMessageResponse();
            found.setOk(true);
            found.setChannel(channel);
            found.setTs(m.getTs());
            return found;
          });
    } catch (SlackCallException e) {
      return null;
    }
  }

  /** How many recent messages are searched for a post's marker. */
  static final int MARKER_SEARCH_LIMIT = 50;

  /** Posts a plain text message. */
  public String postText(String channel, String threadTs, String text) {
    return postMessage(channel, threadTs, text, null);
  }

  /** Shows a message to one person only. */
  public void postEphemeral(String channel, String threadTs, String userId, String text, List<LayoutBlock> blocks) {
    String fallback = SafeText.truncate(SafeText.neutralize(text), MAX_FALLBACK_CHARS);
    call("chat.postEphemeral", c -> c.chatPostEphemeral(r -> r
        .channel(channel)
        .threadTs(threadTs)
        .user(userId)
        .text(fallback)
        .blocks(blocks == null || blocks.isEmpty() ? null : blocks)));
  }

  /** Whether streamed messages are worth trying: false once Slack said the workspace lacks them. */
  public boolean streamingSupported() {
    return streaming;
  }

  /**
   * Starts a streamed reply in a thread with its first text and returns the message's ts. The
   * recipient names the person the reply is for; Slack needs it outside direct messages. When
   * Slack answers with one of {@link #STREAMING_UNSUPPORTED}, {@link #streamingSupported()} turns
   * false for the rest of the process.
   */
  public String startStream(String channel, String threadTs, String recipientUserId, String recipientTeamId,
      String markdown) {
    try {
      return call("chat.startStream", c -> c.chatStartStream(r -> r
          .channel(channel)
          .threadTs(threadTs)
          .recipientUserId(recipientUserId)
          .recipientTeamId(recipientTeamId)
          .markdownText(streamText(markdown)))).getTs();
    } catch (SlackCallException e) {
      if (STREAMING_UNSUPPORTED.contains(e.error()) && streaming) {
        streaming = false;
        log.info("Slack cannot stream messages here ({}): answers are posted as one message from now on", e.error());
      }
      throw e;
    }
  }

  /** Appends text to a streamed reply, verbatim (pieces carry their own joining space). */
  public void appendStream(String channel, String ts, String markdown) {
    call("chat.appendStream", c -> c.chatAppendStream(r -> r.channel(channel).ts(ts).markdownText(streamText(markdown))));
  }

  /** Ends a streamed reply; the blocks (may be null) are shown below the streamed text. */
  public void stopStream(String channel, String ts, List<LayoutBlock> blocks) {
    call("chat.stopStream", c -> c.chatStopStream(r -> r
        .channel(channel)
        .ts(ts)
        .blocks(blocks == null || blocks.isEmpty() ? null : blocks)));
  }

  /**
   * Ends a streamed reply and moves its agent session to the given status ({@code active} when
   * the answer is done); the blocks (may be null) are shown below the streamed text.
   */
  public void stopStream(String channel, String ts, List<LayoutBlock> blocks, String sessionStatus) {
    call("chat.stopStream", c -> c.chatStopStream(r -> r
        .channel(channel)
        .ts(ts)
        .blocks(blocks == null || blocks.isEmpty() ? null : blocks)
        .sessionStatus(sessionStatus)));
  }

  /**
   * Sets an agent session's lifecycle status ({@code processing}, {@code active}, ...), creating
   * the session for the thread when it has none; the agent messaging experience only.
   */
  public void setAgentStatus(String channel, String threadTs, String userId, String status) {
    call("agents.sessions.setStatus", c -> c.agentsSessionsSetStatus(r -> r
        .channelId(channel).threadTs(threadTs).initiatorUserId(userId).status(status)));
  }

  /** Gives an agent session its title, which people see when they look for the conversation again. */
  public void renameAgentSession(String channel, String threadTs, String title) {
    call("agents.sessions.rename", c -> c.agentsSessionsRename(r -> r
        .channelId(channel).threadTs(threadTs).title(SafeText.truncate(SafeText.neutralize(title), 100))));
  }

  /** Replaces a message's text and blocks. */
  public void updateMessage(String channel, String ts, String text, List<LayoutBlock> blocks) {
    String fallback = SafeText.truncate(SafeText.neutralize(text), MAX_FALLBACK_CHARS);
    call("chat.update", c -> c.chatUpdate(r -> r
        .channel(channel)
        .ts(ts)
        .text(fallback)
        .blocks(blocks == null || blocks.isEmpty() ? null : blocks)));
  }

  private static String streamText(String markdown) {
    return SafeText.truncate(SafeText.neutralize(markdown), MAX_STREAM_CHARS);
  }

  public void addReaction(String channel, String ts, String emoji) {
    call("reactions.add", c -> c.reactionsAdd(r -> r.channel(channel).timestamp(ts).name(emoji)));
  }

  public void removeReaction(String channel, String ts, String emoji) {
    call("reactions.remove", c -> c.reactionsRemove(r -> r.channel(channel).timestamp(ts).name(emoji)));
  }

  /** Sets (or, with "", clears) the "is thinking…" line of an assistant thread. */
  public void setAssistantStatus(String channel, String threadTs, String status) {
    call("assistant.threads.setStatus", c -> c.assistantThreadsSetStatus(r -> r
        .channelId(channel).threadTs(threadTs).status(SafeText.neutralize(status))));
  }

  public void setAssistantTitle(String channel, String threadTs, String title) {
    call("assistant.threads.setTitle", c -> c.assistantThreadsSetTitle(r -> r
        .channelId(channel).threadTs(threadTs).title(SafeText.truncate(SafeText.neutralize(title), 100))));
  }

  public void setSuggestedPrompts(String channel, String threadTs, String title, List<String> prompts) {
    var suggested = prompts.stream()
        .map(p -> new com.slack.api.model.assistant.SuggestedPrompt(SafeText.neutralize(p)))
        .toList();
    call("assistant.threads.setSuggestedPrompts", c -> c.assistantThreadsSetSuggestedPrompts(r -> r
        .channelId(channel).threadTs(threadTs).title(SafeText.neutralize(title)).prompts(suggested)));
  }

  /** A link to a message, for people to open it. */
  public String permalink(String channel, String ts) {
    return call("chat.getPermalink", c -> c.chatGetPermalink(r -> r.channel(channel).messageTs(ts))).getPermalink();
  }

  /** The id of the direct-message channel with a person. */
  public String openDirectMessage(String userId) {
    return call("conversations.open", c -> c.conversationsOpen(r -> r.users(List.of(userId))))
        .getChannel().getId();
  }

  public void publishHome(String userId, View view) {
    call("views.publish", c -> c.viewsPublish(r -> r.userId(userId).view(view)));
  }

  /** How long sending a file's bytes to its upload URL may take. */
  static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(30);
  private static final java.net.http.HttpClient UPLOADS = java.net.http.HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * Shares a file in a conversation with Slack's external upload flow: asks for an upload URL
   * ({@code files.getUploadURLExternal}), sends the bytes there, then completes the upload into
   * {@code channel} with {@code comment} ({@code files.completeUploadExternal}). Returns the
   * file's id. The comment is neutralized; the file's content is not (it is not a message).
   */
  public String uploadFile(String channel, String filename, String title, byte[] content, String comment) {
    com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse target = call(
        "files.getUploadURLExternal", c -> c.filesGetUploadURLExternal(r -> r.filename(filename).length(content.length)));
    try {
      java.net.http.HttpResponse<String> sent = UPLOADS.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(target.getUploadUrl())).timeout(UPLOAD_TIMEOUT)
              .header("Content-Type", "application/octet-stream")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(content)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      if (sent.statusCode() != 200) {
        metrics.slackCall("files.upload", "http_" + sent.statusCode());
        throw failed("files.upload", "http_" + sent.statusCode());
      }
      metrics.slackCall("files.upload", "ok");
    } catch (IOException e) {
      metrics.slackCall("files.upload", "unreachable");
      throw failed("files.upload", "unreachable (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("files.upload", "interrupted");
    }
    call("files.completeUploadExternal", c -> c.filesCompleteUploadExternal(r -> r.channelId(channel)
        .initialComment(SafeText.neutralize(comment))
        .files(List.of(com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest.FileDetails.builder()
            .id(target.getFileId()).title(title).build()))));
    return target.getFileId();
  }
}
