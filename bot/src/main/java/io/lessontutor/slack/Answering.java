package io.lessontutor.slack;

import io.lessontutor.answer.Answer;
import io.lessontutor.answer.Answerer;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.store.DeliveryStore;
import io.lessontutor.store.StoreException;
import io.lessontutor.store.ThreadStore;
import io.lessontutor.answer.Question;
import io.lessontutor.answer.StreamingAnswerer;
import io.lessontutor.logs.LogSettings;
import io.lessontutor.metrics.MeteredAnswerer;
import io.lessontutor.slack.views.AnswerMessage;
import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one question in Slack: takes the delivery on once, shows the working sign, asks the
 * tutor with the conversation's earlier question, posts the answer (streamed into the thread where
 * the workspace supports it), clears the sign, and remembers the conversation so that replies
 * there need no mention. Runs on the executor.
 *
 * <p>Answering needs no database, so while it cannot be reached a question is still answered once
 * (see {@link DeliveryStore#take}), without its thread's context and without remembering the
 * thread, and the person is told so in one line ({@link #OFFLINE_NOTE}).
 */
public final class Answering {

  private static final Logger log = LoggerFactory.getLogger(Answering.class);

  /** Reaction shown on the question while the tutor works on it. */
  public static final String WORKING_REACTION = "hourglass_flowing_sand";
  /** Assistant-thread status while the tutor works. */
  public static final String WORKING_STATUS = "is reading the lesson…";
  /** Reply to a mention without a question. */
  public static final String EMPTY_QUESTION_HINT =
      "Ask me anything about the lesson, for example: _When should we consider fine-tuning?_";
  /** Agent-session status while the tutor works, and once it is done (the session stays open). */
  public static final String AGENT_WORKING = "processing";
  public static final String AGENT_DONE = "active";
  /** Said in the thread when someone pressed the agent session's stop button. */
  public static final String STOPPED_NOTE = "Stopped. Ask again whenever you like.";
  /** Said after an answer given while the database is out of reach. */
  public static final String OFFLINE_NOTE = "(My memory is offline for a moment, so I answered without"
      + " earlier context and won't recognise this thread later: mention me when you reply.)";

  /** How the person sees that the tutor is working. */
  public enum Sign {
    /** A reaction on the question. */
    REACTION,
    /** The assistant thread's status line. */
    ASSISTANT_STATUS,
    /** The agent session's status ({@code processing} while working), in the agent messaging experience. */
    AGENT_SESSION,
    /** Nothing (an App Home tap has no message to react to). */
    NONE
  }

  /**
   * One question to answer.
   *
   * @param eventId Slack's event id, for de-duplication; null when not from an event
   * @param channel where the question was asked and the answer goes
   * @param messageTs the question message's ts; null when there is no message (App Home tap)
   * @param replyThreadTs the thread to answer in; null to answer at the top of the channel
   * @param conversation the key of the conversation for context: a thread ts or {@link ThreadStore#NO_THREAD}
   * @param userId who asked
   * @param text the question as Slack delivered it (mrkdwn, the bot's mention already removed)
   * @param sign the working sign to show
   * @param teamId the workspace of the person who asked, which a streamed answer in a channel
   *     must name; null when unknown (the answer is then streamed only where Slack does not need it)
   */
  public record Ask(String eventId, String channel, String messageTs, String replyThreadTs,
      String conversation, String userId, String text, Sign sign, String teamId) {
    public Ask {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(conversation, "conversation");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(sign, "sign");
    }

    /** A question whose workspace is not known. */
    public Ask(String eventId, String channel, String messageTs, String replyThreadTs,
        String conversation, String userId, String text, Sign sign) {
      this(eventId, channel, messageTs, replyThreadTs, conversation, userId, text, sign, null);
    }
  }

  /** Direct-message channel ids start with D. */
  private static final String DIRECT_MESSAGE_PREFIX = "D";

  private final SlackContext context;
  private final Answerer answerer;
  private final ThreadStore threads;
  private final List<String> examples;
  /** True when TUTOR_EXPERTS is set: declines offer "Ask a person". */
  private volatile boolean askAPerson;
  /** Answers being streamed in agent sessions, by channel and thread, so that the stop button can reach them. */
  private final String about;
  private final java.util.Map<String, AnswerStream> streams = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param library the lessons served: the example questions App Home and the assistant panel offer
   *     (see {@link #exampleQuestions(LessonLibrary)}) and what greetings name ({@link #about(LessonLibrary)})
   */
  public Answering(SlackContext context, Answerer answerer, ThreadStore threads, LessonLibrary library) {
    this.context = Objects.requireNonNull(context, "context");
    this.answerer = Objects.requireNonNull(answerer, "answerer");
    this.threads = Objects.requireNonNull(threads, "threads");
    this.examples = exampleQuestions(library);
    this.about = about(library);
  }

  /** What the tutor teaches, in Slack markup, for greetings and App Home (see {@link #about(LessonLibrary)}). */
  public String about() {
    return about;
  }

  /**
   * What the tutor teaches, from the lesson files, in Slack markup: "the lesson *Title*", or
   * "the course's N lessons, among them *A*, *B* and *C*".
   */
  public static String about(LessonLibrary library) {
    if (library.single()) {
      return "the lesson *" + library.lessons().get(0).title() + "*";
    }
    List<String> titles = library.lessons().stream().limit(EXAMPLES).map(l -> "*" + l.title() + "*").toList();
    return library.name() + (library.lessons().size() > EXAMPLES ? ", among them " : ": ") + LessonLibrary.joined(titles);
  }

  /** From now on declines carry "Ask a person" (see {@code slack.experts}). */
  public void offerAskAPerson() {
    this.askAPerson = true;
  }

  /** The answer's blocks, with "Ask a person" on a decline when experts are configured. */
  List<LayoutBlock> blocksFor(Answer answer) {
    List<LayoutBlock> blocks = AnswerMessage.blocks(answer);
    return askAPerson && answer.kind() == Answer.Kind.REFUSED
        ? AnswerMessage.withAskPerson(blocks, AnswerMessage.askPersonValue("", answer.question()))
        : blocks;
  }

  /** The example questions to offer. */
  public List<String> exampleQuestions() {
    return examples;
  }

  /**
   * True when the tutor answered in this conversation before. False while the database cannot be
   * reached: a reply without a mention then goes unanswered rather than the tutor joining a
   * conversation it never took part in.
   */
  public boolean answeredIn(String channel, String threadTs) {
    try {
      return threads.answeredIn(channel, threadTs);
    } catch (StoreException e) {
      if (!e.unavailable()) {
        throw e;
      }
      log.warn("cannot tell whether I answered in {} {}: the database is out of reach", channel, threadTs);
      return false;
    }
  }

  /** Queues the question on the executor; returns at once. */
  public void submit(Ask ask) {
    context.later("answering in " + ask.channel(),
        new SlackContext.Apology(ask.channel(), ask.replyThreadTs(), ask.userId(), false),
        () -> answer(ask));
  }

  /**
   * Queues the question, to be answered only if the condition (checked on the executor, as it may
   * read the database) holds.
   */
  public void submitIf(java.util.function.BooleanSupplier condition, Ask ask) {
    context.later("answering in " + ask.channel(),
        new SlackContext.Apology(ask.channel(), ask.replyThreadTs(), ask.userId(), false),
        () -> {
          if (condition.getAsBoolean()) {
            answer(ask);
          }
        });
  }

  /**
   * Queues a message nobody addressed to the tutor (a channel set to answer every question): when
   * the condition holds it is answered in its thread if the lesson covers it, and otherwise gets
   * no reply, no reaction, nothing, so that a channel is not filled with refusals.
   */
  public void submitQuietly(java.util.function.BooleanSupplier condition, Ask ask) {
    context.later("answering quietly in " + ask.channel(), null, () -> {
      if (condition.getAsBoolean()) {
        answerQuietly(ask);
      }
    });
  }

  private void answerQuietly(Ask ask) {
    String question = SafeText.plain(ask.text()).strip();
    if (question.isEmpty() || context.deliveries().take(ask.eventId(), ask.channel(), ask.messageTs())
        == DeliveryStore.Taken.REPEAT) {
      return;
    }
    Answer answer = answerer.answer(new Question(question, null));
    logAnswer(ask, answer);
    if (answer.kind() != Answer.Kind.ANSWERED) {
      return; // declined silently: the channel asked for answers, not for every refusal
    }
    try {
      threads.rememberQuestion(ask.channel(), ask.conversation(), question);
    } catch (StoreException e) {
      if (!e.unavailable()) {
        throw e;
      }
      log.warn("answering in {} without remembering the thread: the database is out of reach", ask.channel());
    }
    rememberLesson(ask, answer);
    context.web().postMessage(ask.channel(), ask.replyThreadTs(), AnswerMessage.fallbackText(answer),
        AnswerMessage.blocks(answer));
  }

  /** Answers on the calling thread; a failure propagates to {@link SlackContext#later}. */
  void answer(Ask ask) {
    DeliveryStore.Taken taken = ask.messageTs() == null
        ? null
        : context.deliveries().take(ask.eventId(), ask.channel(), ask.messageTs());
    if (taken == DeliveryStore.Taken.REPEAT) {
      log.debug("already answered {} {}", ask.channel(), ask.messageTs());
      return;
    }
    boolean offline = taken == DeliveryStore.Taken.FIRST_WHILE_OFFLINE;
    String question = SafeText.plain(ask.text()).strip();
    SlackWeb web = context.web();
    if (question.isEmpty()) {
      web.postText(ask.channel(), ask.replyThreadTs(), EMPTY_QUESTION_HINT);
      return;
    }
    String previous = null;
    String lesson = null;
    if (!offline) {
      try {
        ThreadStore.Conversation before = threads.conversation(ask.channel(), ask.conversation()).orElse(null);
        previous = before == null ? null : before.lastQuestion();
        lesson = before == null ? null : before.lesson();
        // Remembered before posting: a reply typed right after the answer appears must find the thread.
        threads.rememberQuestion(ask.channel(), ask.conversation(), question);
      } catch (StoreException e) {
        if (!e.unavailable()) {
          throw e;
        }
        offline = true; // the database went away after the delivery was taken on
      }
    }
    if (offline) {
      log.warn("answering in {} without the database", ask.channel());
    }
    showSign(ask);
    if (ask.sign() == Sign.ASSISTANT_STATUS && previous == null) {
      bestEffort(() -> web.setAssistantTitle(ask.channel(), ask.replyThreadTs(), question));
    }
    if (ask.sign() == Sign.AGENT_SESSION && previous == null) {
      bestEffort(() -> web.renameAgentSession(ask.channel(), ask.replyThreadTs(), question));
    }
    try {
      Answer answer = reply(ask, new Question(question, previous, lesson));
      if (!offline) {
        rememberLesson(ask, answer);
      }
      if (offline) {
        web.postText(ask.channel(), ask.replyThreadTs(), OFFLINE_NOTE);
      }
    } finally {
      clearSign(ask);
    }
  }

  /**
   * In a course, the conversation's next question is ranked with the lesson this answer came from
   * in focus; a declined question leaves the conversation's lesson as it was. Best effort: without
   * the database the next question finds its lesson by searching this one.
   */
  private void rememberLesson(Ask ask, Answer answer) {
    if (answer.kind() != Answer.Kind.ANSWERED || answer.grounds().isEmpty()) {
      return;
    }
    try {
      threads.rememberLesson(ask.channel(), ask.conversation(), answer.grounds().get(0).lessonId());
    } catch (StoreException e) {
      if (!e.unavailable()) {
        throw e;
      }
      log.warn("answered in {} without remembering the lesson: the database is out of reach", ask.channel());
    }
  }

  /**
   * Streams the answer into the thread where Slack can (see {@link AnswerStream}); otherwise, and
   * when the workspace said it cannot stream, posts it as one message. Returns the answer given.
   */
  private Answer reply(Ask ask, Question question) {
    SlackWeb web = context.web();
    StreamingAnswerer answerer = StreamingAnswerer.of(this.answerer);
    if (canStream(ask)) {
      AnswerStream stream = new AnswerStream(web, ask.channel(), ask.replyThreadTs(), ask.userId(), ask.teamId(),
          this::blocksFor);
      String key = ask.channel() + " " + ask.replyThreadTs();
      if (ask.sign() == Sign.AGENT_SESSION) {
        streams.put(key, stream);
      }
      try {
        Answer answer = answerer.answerStreaming(question, stream);
        logAnswer(ask, answer);
        stream.finish(answer);
        return answer;
      } finally {
        streams.remove(key, stream);
      }
    }
    Answer answer = answerer.answer(question);
    logAnswer(ask, answer);
    web.postMessage(ask.channel(), ask.replyThreadTs(), AnswerMessage.fallbackText(answer), blocksFor(answer));
    return answer;
  }

  /** One line per answer with why it was answered or declined; never the question, which is the person's text. */
  private static void logAnswer(Ask ask, Answer answer) {
    log.info("{} in {}: reason=\"{}\" sources={} answerer={} millis={}", answer.kind(), ask.channel(),
        // a decline's reason may quote the question; the others name a section of the lesson
        LogSettings.textAllowed() || !answer.refused() ? answer.reason() : MeteredAnswerer.reasonCode(answer.reason()),
        answer.sources().stream().map(io.lessontutor.answer.Source::passage).toList(), answer.answerer(), answer.millis());
  }

  /**
   * The stop button of an agent session: the answer being streamed in that thread by this
   * instance gets no more text and no final message. True when there was one.
   */
  public boolean stop(String channel, String threadTs) {
    AnswerStream stream = streams.get(channel + " " + threadTs);
    if (stream == null) {
      return false;
    }
    stream.stop();
    return true;
  }

  /**
   * Slack streams only replies in a thread, and outside direct messages only to a named person
   * of a named workspace.
   */
  private boolean canStream(Ask ask) {
    if (ask.replyThreadTs() == null || ask.userId() == null || !context.web().streamingSupported()) {
      return false;
    }
    return ask.teamId() != null || ask.channel().startsWith(DIRECT_MESSAGE_PREFIX);
  }

  private void showSign(Ask ask) {
    bestEffort(() -> {
      switch (ask.sign()) {
        case REACTION -> context.web().addReaction(ask.channel(), ask.messageTs(), WORKING_REACTION);
        case ASSISTANT_STATUS -> context.web().setAssistantStatus(ask.channel(), ask.replyThreadTs(), WORKING_STATUS);
        case AGENT_SESSION -> context.web().setAgentStatus(ask.channel(), ask.replyThreadTs(), ask.userId(), AGENT_WORKING);
        case NONE -> { }
      }
    });
  }

  private void clearSign(Ask ask) {
    bestEffort(() -> {
      switch (ask.sign()) {
        case REACTION -> context.web().removeReaction(ask.channel(), ask.messageTs(), WORKING_REACTION);
        case ASSISTANT_STATUS -> context.web().setAssistantStatus(ask.channel(), ask.replyThreadTs(), "");
        case AGENT_SESSION -> context.web().setAgentStatus(ask.channel(), ask.replyThreadTs(), ask.userId(), AGENT_DONE);
        case NONE -> { }
      }
    });
  }

  /** The sign is a courtesy: failing to show it must not stop the answer (SlackWeb logged it). */
  private static void bestEffort(Runnable call) {
    try {
      call.run();
    } catch (SlackCallException e) {
      log.debug("working sign skipped: {}", e.getMessage());
    }
  }

  /** How many example questions App Home and the assistant panel offer. */
  static final int EXAMPLES = 3;

  /**
   * Example questions, for App Home and the assistant's suggested prompts: the lesson's own
   * suggested questions, which its tests prove the tutor answers.
   */
  public static List<String> exampleQuestions(LessonLibrary library) {
    return library.suggestedQuestions(EXAMPLES);
  }
}
