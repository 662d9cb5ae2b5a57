package io.lessontutor.slack.quiz;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static io.lessontutor.slack.PayloadFields.need;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.model.block.LayoutBlock;
import io.lessontutor.quiz.AnswerResult;
import io.lessontutor.quiz.QuizQuestion;
import io.lessontutor.quiz.QuizService;
import io.lessontutor.quiz.RoundInfo;
import io.lessontutor.quiz.SoloFeedback;
import io.lessontutor.quiz.SoloQuestion;
import io.lessontutor.quiz.StartResult;
import io.lessontutor.quiz.StopResult;
import io.lessontutor.slack.PayloadFields;
import io.lessontutor.slack.SafeText;
import io.lessontutor.slack.SlackCallException;
import io.lessontutor.slack.SlackContext;
import io.lessontutor.slack.SlackContext.Apology;
import io.lessontutor.slack.SlackFeature;
import io.lessontutor.slack.SlackWeb;
import java.io.IOException;
import java.time.Clock;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quiz in Slack: {@code /tutor-quiz} and "@tutor quiz" run a round in a channel, the answer
 * buttons, "quiz me" and App Home's button run solo practice in a direct message, and App Home
 * shows the person's progress. Runs the {@link QuizService} it is given: its open rounds are
 * resumed at {@link #install}, and it is closed with the app.
 *
 * <p>A tap on a round question gets "Locked in: B" privately, without right or wrong: a person who
 * knew early could tell the channel while others are still answering, and the reveal a few
 * seconds later says it to everyone at once, with the points.
 */
public final class SlackQuiz implements SlackFeature, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SlackQuiz.class);

  public static final String COMMAND = "/tutor-quiz";

  static final String LOCKED_IN = "Locked in: *%s*. Your first tap is the one that counts; the answer shows when time is up.";
  static final String ALREADY_ANSWERED = "You already answered *%s*: your first tap is the one that counts.";
  static final String NOT_A_CHOICE = "That isn't one of this question's choices.";
  static final String NOT_STARTER = "Only the person who started this round can stop it. It ends by itself after its last question.";
  static final String NO_ROUND = "There's no quiz round running in this channel. Start one with `/tutor-quiz`.";
  static final String ALREADY_RUNNING = "A quiz round is already running in this channel (%s); one round per channel at a time.";
  static final String UNKNOWN = "I didn't catch that.";
  static final String SOLO_SENT = "Your practice is waiting in our direct message.";
  static final String SOLO_NEW = "Here's the lesson's quiz, at your own pace. Missed questions come back until you get them right.";
  static final String SOLO_RESUMED = "Picking up your practice where you left off.";
  static final String SOLO_ALREADY = "You answered this one already; your first answer counts.";
  static final String SOLO_GONE = "That practice question is no longer open. Say *quiz me* to carry on.";
  /** What a Slack permalink looks like; anything else is not put in a link. */
  private static final Pattern LINK = Pattern.compile("https://[^\\s<>|]+");

  /** Where a short private answer to a person goes: the command's response URL, an ephemeral, their DM. */
  @FunctionalInterface
  interface Reply {
    /** {@code text} is the fallback (neutralized on the way); {@code blocks} may be null. */
    void send(String text, List<LayoutBlock> blocks);
  }

  private final QuizService service;
  private volatile QuizService quiz;
  private volatile SlackContext context;
  private volatile SlackRounds rounds;

  /** Rounds on a schedule, or null when the quiz has none. */
  private final io.lessontutor.quiz.ScheduledRounds scheduled;
  private volatile SlackSchedules schedules;

  /** The quiz in Slack over the given service, which it reports rounds to once installed. */
  public SlackQuiz(QuizService service) {
    this(service, null);
  }

  /** The same, with {@code /tutor-quiz schedule} and the rounds it schedules (polled once installed). */
  public SlackQuiz(QuizService service, io.lessontutor.quiz.ScheduledRounds scheduled) {
    this.service = Objects.requireNonNull(service, "service");
    this.scheduled = scheduled;
  }

  @Override
  public synchronized void install(App app, SlackContext context) {
    if (quiz != null) {
      throw new IllegalStateException("the quiz is installed already");
    }
    this.context = context;
    SlackRounds listener = new SlackRounds(context, service.settings().questionTime());
    listener.attach(service);
    service.listen(listener);
    this.rounds = listener;
    this.quiz = service;

    if (scheduled != null) {
      SlackSchedules slackSchedules = new SlackSchedules(scheduled, context);
      this.schedules = slackSchedules;
      scheduled.start(slackSchedules);
    }

    app.command(COMMAND, (req, ctx) -> {
      var payload = req.getPayload();
      SlackSchedules slackSchedules = schedules;
      if (slackSchedules != null && SlackSchedules.handles(payload.getText())) {
        String channel = payload.getChannelId();
        String user = payload.getUserId();
        String text = payload.getText();
        context.later(COMMAND + " schedule", new Apology(channel, null, user, true),
            () -> respond(ctx, slackSchedules.command(channel, user, text), null));
        return ctx.ack();
      }
      QuizRequest request = QuizRequest.ofCommand(payload.getText());
      if (request instanceof QuizRequest.Help || request instanceof QuizRequest.Unknown) {
        String prefix = request instanceof QuizRequest.Unknown ? UNKNOWN + "\n" : "";
        return ctx.ack(r -> r.responseType("ephemeral").text(SafeText.neutralize(prefix + QuizMessages.HELP)));
      }
      String channel = need(payload.getChannelId(), "channel_id");
      String user = need(payload.getUserId(), "user_id");
      need(PayloadFields.webUrl(payload.getResponseUrl()), "response_url"); // where the replies go
      boolean direct = channel != null && channel.startsWith("D");
      context.later(COMMAND, new Apology(channel, null, user, true),
          () -> handle(request, channel, user, direct, (text, blocks) -> respond(ctx, text, blocks)));
      return ctx.ack();
    });

    app.blockAction(Pattern.compile("^" + QuizMessages.ROUND_ANSWER + "\\d$"), (req, ctx) -> {
      BlockActionPayload payload = req.getPayload();
      String user = need(need(payload.getUser(), "user").getId(), "user.id");
      String channel = need(need(payload.getChannel(), "channel").getId(), "channel.id");
      String value = payload.getActions().get(0).getValue();
      context.later("answering a quiz question", new Apology(channel, null, user, true),
          () -> roundTap(channel, user, value));
      return ctx.ack();
    });

    app.blockAction(Pattern.compile("^" + QuizMessages.SOLO_ANSWER + "\\d$"), (req, ctx) -> {
      BlockActionPayload payload = req.getPayload();
      String user = need(need(payload.getUser(), "user").getId(), "user.id");
      String channel = need(need(payload.getChannel(), "channel").getId(), "channel.id");
      String messageTs = need(need(payload.getContainer(), "container").getMessageTs(), "container.message_ts");
      String value = payload.getActions().get(0).getValue();
      context.later("answering a practice question", new Apology(channel, null, user, true),
          () -> soloTap(channel, messageTs, user, value));
      return ctx.ack();
    });

    app.blockAction(QuizMessages.HOME_PRACTICE, (req, ctx) -> {
      String user = need(need(req.getPayload().getUser(), "user").getId(), "user.id");
      context.later("starting practice from App Home", null, () -> startSolo(user));
      return ctx.ack();
    });

    // Only now can rounds left open by the last run post their questions.
    service.resumeOpenRounds();
  }

  @Override
  public boolean takeMessage(IncomingMessage message) {
    SlackContext ctx = context;
    Optional<QuizRequest> request = QuizRequest.ofMessage(message.text(), message.direct());
    if (ctx == null || request.isEmpty() || message.userId() == null) {
      return false;
    }
    Reply reply = message.direct()
        ? (text, blocks) -> ctx.web().postMessage(message.channel(), null, text, blocks)
        : (text, blocks) -> ctx.web().postEphemeral(message.channel(), message.threadTs(), message.userId(), text, blocks);
    ctx.later("a quiz request in " + message.channel(),
        new Apology(message.channel(), message.threadTs(), message.userId(), !message.direct()), () -> {
          // The same message may come as app_mention and as message, or again as a retry.
          if (ctx.deliveries().firstDelivery(message.eventId(), message.channel(), message.ts())) {
            handle(request.get(), message.channel(), message.userId(), message.direct(), reply);
          }
        });
    return true;
  }

  @Override
  public List<LayoutBlock> homeBlocks(String userId) {
    QuizService service = quiz;
    if (service == null) {
      return List.of();
    }
    Map<String, QuizQuestion> byId = service.bank().questions().stream()
        .collect(Collectors.toMap(QuizQuestion::id, Function.identity()));
    return QuizMessages.home(service.progress(userId), byId);
  }

  /** The quiz service, once installed. */
  public QuizService service() {
    return quiz;
  }

  @Override
  public void close() {
    if (scheduled != null) {
      scheduled.close();
    }
    QuizService service = quiz;
    if (service != null) {
      service.close();
    }
  }

  // ---- what people asked for ----

  private void handle(QuizRequest request, String channel, String user, boolean direct, Reply reply) {
    if (request instanceof QuizRequest.Start start) {
      if (direct) {
        startSolo(user);
      } else {
        startRound(channel, user, start.size(), reply);
      }
    } else if (request instanceof QuizRequest.Stop) {
      stopRound(channel, user, reply);
    } else if (request instanceof QuizRequest.Leaderboard) {
      var standings = quiz.leaderboard(QuizService.LEADERBOARD_SIZE);
      reply.send(QuizMessages.leaderboardText(standings), QuizMessages.leaderboard(standings));
    } else if (request instanceof QuizRequest.Solo) {
      String dm = startSolo(user);
      if (!dm.equals(channel)) {
        reply.send(SOLO_SENT, null);
      }
    } else {
      String prefix = request instanceof QuizRequest.Unknown ? UNKNOWN + "\n" : "";
      reply.send(prefix + QuizMessages.HELP, null);
    }
  }

  private void startRound(String channel, String user, OptionalInt size, Reply reply) {
    rounds.starting(channel, reply);
    StartResult result;
    try {
      result = size.isPresent() ? quiz.startRound(channel, user, size.getAsInt()) : quiz.startRound(channel, user);
    } catch (RuntimeException e) {
      rounds.notStarted(channel, reply);
      throw e;
    }
    if (result instanceof StartResult.Started started) {
      log.info("quiz round {} started in {}", started.round().roundId(), channel);
    } else if (result instanceof StartResult.AlreadyRunning running) {
      rounds.notStarted(channel, reply);
      pointToRound(running.round(), reply);
    } else if (result instanceof StartResult.Refused refused) {
      rounds.notStarted(channel, reply);
      reply.send(refused.reason(), null);
    }
  }

  /** Tells someone who tried to start a second round where the running one is. */
  private void pointToRound(RoundInfo round, Reply reply) {
    String where = round.current() == 0
        ? "its first question is on its way"
        : "question " + round.current() + " of " + round.size() + " is up";
    String text = String.format(ALREADY_RUNNING, where);
    String link = round.currentMessageRef() == null
        ? null
        : SlackRounds.permalink(context.web(), round.channel(), round.currentMessageRef());
    String join = link != null && LINK.matcher(link).matches()
        ? "<" + link + "|Jump to the question> and tap an answer to join."
        : "Scroll up to its latest question and tap an answer to join.";
    reply.send(text + " " + join.replaceAll("<[^|]*\\|([^>]*)>", "$1"),
        List.of(section(s -> s.text(markdownText(SafeText.neutralize(text) + " " + join)))));
  }

  private void stopRound(String channel, String user, Reply reply) {
    StopResult result = quiz.stopRound(channel, user);
    if (result instanceof StopResult.Stopped stopped) {
      log.info("quiz round {} stopped by its starter", stopped.result().roundId());
    } else if (result instanceof StopResult.NotStarter) {
      reply.send(NOT_STARTER, null);
    } else {
      reply.send(NO_ROUND, null);
    }
  }

  private void roundTap(String channel, String user, String value) {
    Optional<RoundTap> tap = RoundTap.parse(value);
    if (tap.isEmpty()) {
      log.warn("ignoring a quiz button with an unknown value");
      return;
    }
    String feedback;
    try {
      AnswerResult result = quiz.answer(tap.get().roundId(), tap.get().number(), user, tap.get().choice());
      if (result instanceof AnswerResult.Counted counted) {
        feedback = String.format(LOCKED_IN, QuizMessages.letter(counted.choice()));
      } else if (result instanceof AnswerResult.AlreadyAnswered already) {
        feedback = String.format(ALREADY_ANSWERED, QuizMessages.letter(already.choice()));
      } else {
        feedback = ((AnswerResult.Closed) result).reason();
      }
    } catch (IllegalArgumentException e) {
      feedback = NOT_A_CHOICE;
    }
    context.web().postEphemeral(channel, null, user, feedback, null);
  }

  // ---- solo practice ----

  /** Posts their practice's next question in their direct message; returns that conversation's id. */
  private String startSolo(String user) {
    SlackWeb web = context.web();
    String dm = web.openDirectMessage(user);
    Optional<SoloQuestion> current = quiz.currentSolo(user);
    SoloQuestion question = current.orElseGet(() -> quiz.startSolo(user));
    postSolo(dm, question, current.isPresent() ? SOLO_RESUMED : SOLO_NEW);
    return dm;
  }

  private void postSolo(String dm, SoloQuestion question, String intro) {
    List<LayoutBlock> blocks = new java.util.ArrayList<>();
    if (intro != null) {
      blocks.add(section(s -> s.text(markdownText(SafeText.neutralize(intro)))));
    }
    blocks.addAll(QuizMessages.soloQuestion(question));
    context.web().postMessage(dm, null, QuizMessages.soloQuestionText(question), blocks);
  }

  private void soloTap(String channel, String messageTs, String user, String value) {
    Optional<SoloTap> tap = SoloTap.parse(value);
    if (tap.isEmpty()) {
      log.warn("ignoring a practice button with an unknown value");
      return;
    }
    SoloFeedback feedback;
    try {
      feedback = quiz.answerSolo(user, tap.get().sessionId(), tap.get().seq(), tap.get().choice());
    } catch (IllegalArgumentException e) {
      context.web().postEphemeral(channel, null, user, SOLO_GONE, null);
      return;
    }
    if (!feedback.counted()) {
      context.web().postEphemeral(channel, null, user, SOLO_ALREADY, null);
      return;
    }
    context.web().updateMessage(channel, messageTs, QuizMessages.soloFeedbackText(feedback),
        QuizMessages.soloFeedback(feedback));
    if (feedback.finished()) {
      context.web().postMessage(channel, null, QuizMessages.soloSummaryText(feedback.summary()),
          QuizMessages.soloSummary(feedback.summary()));
    } else {
      postSolo(channel, feedback.next(), null);
    }
  }

  private static void respond(SlashCommandContext ctx, String text, List<LayoutBlock> blocks) {
    SlashCommandResponse response = SlashCommandResponse.builder()
        .responseType("ephemeral")
        .text(SafeText.truncate(SafeText.neutralize(text), SlackWeb.MAX_FALLBACK_CHARS))
        .blocks(blocks)
        .build();
    try {
      var answer = ctx.respond(response);
      if (answer.getCode() != 200) {
        log.warn("Slack refused the reply to {}: HTTP {}", COMMAND, answer.getCode());
      }
    } catch (IOException e) {
      // Logged in one line by SlackContext, like any Web API call Slack did not take.
      throw new SlackCallException("response_url", "unreachable (" + e.getClass().getSimpleName() + ")");
    }
  }
}
