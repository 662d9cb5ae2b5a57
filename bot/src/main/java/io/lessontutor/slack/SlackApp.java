package io.lessontutor.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.response.Response;
import io.lessontutor.Tutor;
import io.lessontutor.config.StartupException;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.metrics.MeteredAnswerer;
import io.lessontutor.report.GapRecorder;
import io.lessontutor.report.QuestionGaps;
import io.lessontutor.store.Database;
import io.lessontutor.store.DeliveryStore;
import io.lessontutor.slack.actions.AnswerActions;
import io.lessontutor.slack.agent.AgentMessages;
import io.lessontutor.slack.ask.PrivateAnswers;
import io.lessontutor.slack.experts.AskAPerson;
import io.lessontutor.slack.experts.Experts;
import io.lessontutor.slack.agent.Surface;
import io.lessontutor.slack.settings.ReplySettings;
import io.lessontutor.slack.events.AssistantPanel;
import io.lessontutor.slack.events.IgnoredMessages;
import io.lessontutor.slack.events.QuestionEvents;
import io.lessontutor.slack.home.AppHome;
import io.lessontutor.store.SeenSignatures;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bolt {@link App} built from a {@link Tutor}: Ask (mentions, direct messages, thread replies,
 * the assistant panel), the answer buttons, App Home, and whatever features are given. The same
 * app runs in Socket Mode and behind the HTTP server; tests build it against a fake Web API.
 * Close it to stop its worker threads.
 */
public final class SlackApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SlackApp.class);

  /** How long a delivery is remembered for de-duplication; Slack's retries end within the hour. */
  static final java.time.Duration DELIVERY_MEMORY = java.time.Duration.ofDays(7);

  /** How long a request's signature is remembered: longer than the ±5 min its timestamp may be off. */
  static final java.time.Duration REPLAY_MEMORY = java.time.Duration.ofMinutes(11);

  private final App app;
  private final SlackContext context;
  private final List<SlackFeature> features;
  private final ReplayGuard replays;
  private final Supplier<Optional<String>> health;
  private AgentMessages agentMessages;

  private SlackApp(App app, SlackContext context, List<SlackFeature> features, ReplayGuard replays,
                   Supplier<Optional<String>> health) {
    this.app = app;
    this.context = context;
    this.features = features;
    this.replays = replays;
    this.health = health;
  }

  /**
   * Builds the app from the tutor's configuration: {@code SLACK_BOT_TOKEN} (required),
   * {@code SLACK_SIGNING_SECRET} (checked on every HTTP request), {@code SLACK_API_URL} (for
   * every Web API call, {@code apps.connections.open} included), {@code TUTOR_SLACK_WORKERS}.
   */
  public static SlackApp build(Tutor tutor, List<SlackFeature> features) {
    TutorConfig config = tutor.config();
    String botToken = config.slackBotToken();
    int workers = config.slackWorkers();
    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setMethodsEndpointUrlPrefix(config.slackApiUrl());
    Slack slack = Slack.getInstance(slackConfig);
    checkBotToken(slack, botToken, config.slackApiUrl());

    App app = new App(AppConfig.builder()
        .slack(slack)
        .singleTeamBotToken(botToken)
        .signingSecret(config.get(TutorConfig.SLACK_SIGNING_SECRET).orElse(null))
        // IgnoredMessages filters the tutor's own events without a bots.info call per request
        .ignoringSelfEventsEnabled(false)
        // events nobody listens to are acked (a 404 makes Slack retry them); other kinds get 404
        .allEventsApiAutoAckEnabled(true)
        .unmatchedRequestHandler(request -> {
          RefusedRequests.log("No listener for a " + request.getRequestType() + " request", "answered 404");
          return Response.json(404, "{\"error\":\"no handler found\"}");
        })
        .build());

    ExecutorService executor = Executors.newFixedThreadPool(workers, workerThreads());
    DeliveryStore deliveries = tutor.deliveries();
    int forgotten = deliveries.forgetDeliveriesBefore(System.currentTimeMillis() - DELIVERY_MEMORY.toMillis());
    if (forgotten > 0) {
      log.info("Forgot {} Slack deliveries older than {} days", forgotten, DELIVERY_MEMORY.toDays());
    }
    SlackContext context = new SlackContext(new SlackWeb(slack.methods(botToken), tutor.metrics()), deliveries,
        executor);
    QuestionGaps gaps = tutor.gaps();
    int blanked = gaps.forgetOldText();
    if (blanked > 0) {
      log.info("Forgot the text of {} declined or not-helpful questions past {}", blanked, TutorConfig.KEEP_QUESTIONS);
    }
    Answering answering = new Answering(context,
        MeteredAnswerer.of(new GapRecorder(tutor.answerer(), gaps), tutor.metrics()), tutor.threads(),
        tutor.library());
    ReplySettings replySettings = new ReplySettings(tutor.channelSettings());
    PrivateAnswers privateAnswers = new PrivateAnswers(tutor.answerer(), tutor.privateAnswers());
    java.util.Optional<Experts> experts = Experts.of(config);
    List<SlackFeature> core = new java.util.ArrayList<>(List.of(replySettings, privateAnswers));
    experts.ifPresent(e -> {
      core.add(new AskAPerson(e));
      answering.offerAskAPerson();
    });
    List<SlackFeature> installed = java.util.stream.Stream.concat(features.stream(), core.stream()).toList();

    app.use(new LogContext());
    app.use(new RequestErrors());
    ReplayGuard replays = new ReplayGuard(new SeenSignatures(tutor.database(), REPLAY_MEMORY, Clock.systemUTC()),
        tutor.metrics());
    app.use(replays);
    app.use(new IgnoredMessages());
    boolean agent = Surface.of(config) == Surface.AGENT;
    AssistantPanel.install(app, context, answering, installed,
        agent ? Answering.Sign.AGENT_SESSION : Answering.Sign.ASSISTANT_STATUS);
    QuestionEvents.install(app, answering, installed, agent, replySettings::settingsOf);
    AnswerActions.install(app, context, tutor.feedback(), tutor.library(),
        experts.isPresent() ? tutor.threads() : null, gaps);
    AgentMessages agentMessages = agent ? new AgentMessages(context, answering) : null;
    if (agentMessages != null) {
      agentMessages.install(app);
    }
    AppHome.install(app, context, answering, installed, agentMessages == null ? null : agentMessages::messagesTabOpened);
    for (SlackFeature feature : installed) {
      feature.install(app, context);
    }
    Database database = tutor.database();
    SlackApp built = new SlackApp(app, context, installed, replays,
        () -> database.problem().map(p -> "database unavailable: " + p));
    built.agentMessages = agentMessages;
    return built;
  }

  /** Slack's errors for a bot token it does not accept. */
  static final java.util.Set<String> BAD_TOKEN = java.util.Set.of("invalid_auth", "not_authed", "account_inactive",
      "token_revoked", "token_expired", "not_allowed_token_type");

  /**
   * Asks Slack who the bot token belongs to before Bolt does, so that "Slack cannot be reached"
   * and "Slack refuses the token" come out as different messages naming what to fix (Bolt calls
   * both "The token is invalid").
   */
  static void checkBotToken(Slack slack, String botToken, String apiUrl) {
    com.slack.api.methods.response.auth.AuthTestResponse answer;
    try {
      answer = slack.methods().authTest(r -> r.token(botToken));
    } catch (java.io.IOException e) {
      throw new StartupException("cannot reach Slack at " + apiUrl + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): check the network and any proxy"
          + (apiUrl.equals(TutorConfig.DEFAULT_SLACK_API_URL) ? "" : ", and " + TutorConfig.SLACK_API_URL) + ".");
    } catch (com.slack.api.methods.SlackApiException e) {
      int status = e.getResponse() == null ? 0 : e.getResponse().code();
      throw new StartupException("Slack at " + apiUrl + " answered auth.test with HTTP " + status
          + ": check " + TutorConfig.SLACK_API_URL + " (Slack's is " + TutorConfig.DEFAULT_SLACK_API_URL + ").");
    }
    if (answer.isOk()) {
      return;
    }
    if (BAD_TOKEN.contains(answer.getError())) {
      throw new StartupException("Slack says " + TutorConfig.SLACK_BOT_TOKEN + " is not valid (" + answer.getError()
          + "): copy the Bot User OAuth Token (xoxb-...) again from your Slack app's OAuth & Permissions page,"
          + " and reinstall the app if it was removed.");
    }
    throw new StartupException("Slack refused auth.test for " + TutorConfig.SLACK_BOT_TOKEN + " (" + answer.getError()
        + "); see Slack's documentation of auth.test for that error.");
  }

  private static ThreadFactory workerThreads() {
    AtomicInteger count = new AtomicInteger();
    return work -> {
      Thread thread = new Thread(work, "slack-worker-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  public App app() {
    return app;
  }

  /** The agent messaging experience, when {@code TUTOR_SLACK_SURFACE=agent}. */
  public java.util.Optional<AgentMessages> agentMessages() {
    return java.util.Optional.ofNullable(agentMessages);
  }

  public SlackContext context() {
    return context;
  }

  /** Why this instance cannot serve (the database is out of reach), or empty; for {@code /healthz}. */
  public Supplier<Optional<String>> health() {
    return health;
  }

  /**
   * Closes the features that hold resources (the quiz's timer), then stops taking work and waits
   * briefly for answers in progress.
   */
  @Override
  public void close() {
    for (SlackFeature feature : features) {
      if (feature instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          log.warn("{} did not close cleanly", feature.getClass().getSimpleName(), e);
        }
      }
    }
    replays.close();
    context.executor().shutdown();
    try {
      context.executor().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
