package io.lessontutor.slack.quiz;

import com.slack.api.model.block.LayoutBlock;
import io.lessontutor.quiz.AskedQuestion;
import io.lessontutor.quiz.QuizService;
import io.lessontutor.quiz.RevealedQuestion;
import io.lessontutor.quiz.RoundListener;
import io.lessontutor.quiz.RoundResult;
import io.lessontutor.slack.SlackCallException;
import io.lessontutor.slack.SlackContext;
import io.lessontutor.slack.SlackWeb;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel rounds in Slack: each question is posted with its buttons, its message is updated in
 * place with the answer when time is up (the message's ts is the round's message reference), and
 * the round ends with its leaderboard. Called on the quiz timer thread.
 *
 * <p>Web API use per question is one {@code chat.postMessage} and one {@code chat.update}: the
 * countdown is a {@code <!date>} that Slack renders in each reader's time zone, rather than an
 * update every few seconds that would count against {@code chat.update}'s per-workspace limit
 * once several channels play at once.
 */
final class SlackRounds implements RoundListener {

  private static final Logger log = LoggerFactory.getLogger(SlackRounds.class);

  /** Slack's errors when the tutor cannot post in a channel at all. */
  static final Set<String> UNREACHABLE = Set.of("not_in_channel", "channel_not_found", "is_archived");
  static final String NOT_IN_CHANNEL = "I can't post in this channel yet: invite me with `/invite @Lesson Tutor`,"
      + " then start the round again.";

  private final SlackContext context;
  private final Duration timeToAnswer;
  /** How to tell the person starting a round that it cannot be posted; until its first question. */
  private final Map<String, SlackQuiz.Reply> starting = new ConcurrentHashMap<>();
  /** Rounds whose channel refused their first question: stopped, nothing more is posted. */
  private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
  private volatile QuizService quiz;

  SlackRounds(SlackContext context, Duration timeToAnswer) {
    this.context = context;
    this.timeToAnswer = timeToAnswer;
  }

  void attach(QuizService quiz) {
    this.quiz = quiz;
  }

  /** Remembers who is starting a round in the channel, to tell them if it cannot be posted. */
  void starting(String channel, SlackQuiz.Reply reply) {
    starting.put(channel, reply);
  }

  /** The start did not happen (a round runs there already, or it was refused). */
  void notStarted(String channel, SlackQuiz.Reply reply) {
    starting.remove(channel, reply);
  }

  @Override
  public String questionAsked(AskedQuestion asked) {
    SlackQuiz.Reply starter = asked.number() == 1 ? starting.remove(asked.channel()) : null;
    try {
      return context.web().postMessage(asked.channel(), null, QuizMessages.roundQuestionText(asked),
          QuizMessages.roundQuestion(asked, timeToAnswer));
    } catch (SlackCallException e) {
      // SlackWeb logged the call and its error code; the round goes on (its reveal is then posted anew).
      log.warn("quiz round {}: question {} could not be posted ({})", asked.roundId(), asked.number(), e.error());
      if (asked.number() == 1 && UNREACHABLE.contains(e.error())) {
        giveUp(asked, starter);
      }
      return null;
    }
  }

  /** A round nobody can see would hold the channel for its whole length: stop it, off the timer thread. */
  private void giveUp(AskedQuestion asked, SlackQuiz.Reply starter) {
    unreachable.add(asked.roundId());
    log.warn("quiz round {}: the tutor cannot post in {}; stopping the round", asked.roundId(), asked.channel());
    context.later("stopping a round nobody can see", null, () -> {
      QuizService service = quiz;
      service.activeRound(asked.channel())
          .filter(round -> round.roundId().equals(asked.roundId()))
          .ifPresent(round -> service.stopRound(asked.channel(), round.starter()));
      if (starter != null) {
        starter.send(NOT_IN_CHANNEL, null);
      }
    });
  }

  @Override
  public void questionRevealed(RevealedQuestion revealed) {
    if (unreachable.contains(revealed.roundId())) {
      return;
    }
    String text = QuizMessages.revealText(revealed);
    List<LayoutBlock> blocks = QuizMessages.reveal(revealed);
    // SlackWeb retries a transient failure of either call; when the question's message cannot be
    // updated at all (deleted, say), the answer is posted anew rather than never shown.
    try {
      if (revealed.messageRef() != null) {
        try {
          context.web().updateMessage(revealed.channel(), revealed.messageRef(), text, blocks);
          return;
        } catch (SlackCallException e) {
          log.warn("quiz round {}: question {}'s message could not be updated ({}); posting the answer anew",
              revealed.roundId(), revealed.number(), e.error());
        }
      }
      context.web().postMessage(revealed.channel(), null, text, blocks);
    } catch (SlackCallException e) {
      log.warn("quiz round {}: question {}'s answer could not be shown ({})", revealed.roundId(), revealed.number(), e.error());
    }
  }

  @Override
  public void roundFinished(RoundResult result) {
    if (unreachable.remove(result.roundId())) {
      return;
    }
    try {
      context.web().postMessage(result.channel(), null, QuizMessages.roundEndText(result), QuizMessages.roundEnd(result));
    } catch (SlackCallException e) {
      log.warn("quiz round {}: the leaderboard could not be posted ({})", result.roundId(), e.error());
    }
  }

  /** A link to a message, or null when Slack gives none. */
  static String permalink(SlackWeb web, String channel, String ts) {
    try {
      return web.call("chat.getPermalink", c -> c.chatGetPermalink(r -> r.channel(channel).messageTs(ts))).getPermalink();
    } catch (SlackCallException e) {
      return null; // the pointer falls back to words; SlackWeb logged the error
    }
  }
}
