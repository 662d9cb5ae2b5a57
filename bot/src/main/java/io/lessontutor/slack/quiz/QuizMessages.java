package io.lessontutor.slack.quiz;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import io.lessontutor.quiz.AskedQuestion;
import io.lessontutor.quiz.QuizQuestion;
import io.lessontutor.quiz.RevealedQuestion;
import io.lessontutor.quiz.RoundResult;
import io.lessontutor.quiz.SoloFeedback;
import io.lessontutor.quiz.SoloProgress;
import io.lessontutor.quiz.SoloQuestion;
import io.lessontutor.quiz.SoloSummary;
import io.lessontutor.quiz.Standing;
import io.lessontutor.slack.SafeText;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The quiz as Block Kit: round questions, reveals and leaderboards, solo questions and feedback,
 * the App Home section. Every text from the bank goes through {@link SafeText#neutralize}; the
 * only mentions are built here from user ids, for the people who answered. Pure functions.
 */
final class QuizMessages {

  /** Action ids of a round question's buttons: {@code tutor_quiz_answer_<choice>}. */
  static final String ROUND_ANSWER = "tutor_quiz_answer_";
  /** Action ids of a solo question's buttons: {@code tutor_quiz_solo_<choice>}. */
  static final String SOLO_ANSWER = "tutor_quiz_solo_";
  /** App Home's practice button. */
  static final String HOME_PRACTICE = "tutor_quiz_home_practice";
  static final String LETTERS = "ABCD";
  /** Longest question shown in App Home's mastered list. */
  static final int HOME_QUESTION_CHARS = 90;
  /** A Slack user id; anything else is never turned into a mention. */
  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  static final String HELP = String.join("\n",
      "*Quiz on the lesson* _When to Fine-Tune vs When to Just Prompt_",
      "• `/tutor-quiz` or `/tutor-quiz 3`: a round for this channel (5 questions unless you say). Tap an answer;"
          + " your first tap counts, and right answers earn 500 to 1,000 points by speed, plus a streak bonus.",
      "• `@Lesson Tutor quiz`: the same, from a mention.",
      "• `/tutor-quiz stop`: ends the round (only the person who started it).",
      "• `/tutor-quiz leaderboard`: the all-time board.",
      "• `/tutor-quiz schedule weekly mon 10:00` (or `daily 09:30 Europe/Lisbon`, or `off`): a round here on a"
          + " schedule, with a reminder before and the season's standings after.",
      "• `/tutor-quiz me`, or *quiz me* in a direct message: the full 10-question quiz at your own pace;"
          + " missed questions come back until you get them right.");

  private QuizMessages() {}

  // ---- channel rounds ----

  static String roundQuestionText(AskedQuestion asked) {
    return "Quiz question " + asked.number() + " of " + asked.total() + ": " + asked.question().text();
  }

  /** A round question with a button per choice and how long it stays open. */
  static List<LayoutBlock> roundQuestion(AskedQuestion asked, Duration timeToAnswer) {
    QuizQuestion q = asked.question();
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(s -> s.text(markdownText("*Question " + asked.number() + " of " + asked.total() + "*\n"
        + SafeText.neutralize(q.text())))));
    blocks.add(section(s -> s.text(markdownText(choiceLines(q, -1)))));
    blocks.add(actions(a -> a.blockId("tutor_quiz_round_" + asked.number())
        .elements(answerButtons(q, choice -> ROUND_ANSWER + choice,
            choice -> RoundTap.value(asked.roundId(), asked.number(), choice)))));
    long epoch = asked.deadline().getEpochSecond();
    // Slack shows <!date> in each reader's own time zone: a countdown without an update per second.
    String closes = "<!date^" + epoch + "^{time_secs}|" + CLOCK.format(asked.deadline()) + ">";
    blocks.add(context(List.of(markdownText(":stopwatch: " + seconds(timeToAnswer) + " s · answers close at "
        + closes + " · your first tap counts; right and fast earns more"))));
    return blocks;
  }

  static String revealText(RevealedQuestion revealed) {
    QuizQuestion q = revealed.question();
    return "Question " + revealed.number() + " of " + revealed.total() + ": the answer is "
        + letter(q.answer()) + ", " + q.rightChoice();
  }

  /** The question with its answer, explanation, source and who got it right. */
  static List<LayoutBlock> reveal(RevealedQuestion revealed) {
    QuizQuestion q = revealed.question();
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(s -> s.text(markdownText("*Question " + revealed.number() + " of " + revealed.total() + "*\n"
        + SafeText.neutralize(q.text())))));
    blocks.add(section(s -> s.text(markdownText(choiceLines(q, q.answer())))));
    blocks.add(section(s -> s.text(markdownText(":white_check_mark: *Answer: " + letter(q.answer()) + ", "
        + SafeText.neutralize(q.rightChoice()) + "*\n" + SafeText.neutralize(q.explanation())))));
    blocks.add(context(List.of(markdownText(":book: " + SafeText.neutralize(q.source().citation())))));
    String who;
    if (revealed.rightAnswers().isEmpty()) {
      who = revealed.answers() == 0 ? "Nobody answered this one." : "Nobody got this one.";
    } else {
      who = "*Got it right:* " + revealed.rightAnswers().stream()
          .map(r -> mention(r.user()) + " +" + points(r.points()) + (r.streak() >= 2 ? " :fire:" + r.streak() : ""))
          .collect(Collectors.joining(", "));
    }
    String answered = revealed.answers() == 1 ? "1 answer" : revealed.answers() + " answers";
    String tail = revealed.stopped() ? " · _the round was stopped_" : "";
    blocks.add(section(s -> s.text(markdownText(who + "  (" + answered + ")" + tail))));
    return blocks;
  }

  static String roundEndText(RoundResult result) {
    return result.stopped()
        ? "Quiz round stopped after " + result.asked() + " of " + result.total() + " questions"
        : "Quiz round over";
  }

  /** The round's leaderboard. */
  static List<LayoutBlock> roundEnd(RoundResult result) {
    String title = result.stopped()
        ? ":octagonal_sign: *Quiz round stopped after " + result.asked() + " of " + result.total() + " questions*"
        : ":checkered_flag: *Quiz round over: " + result.total() + (result.total() == 1 ? " question*" : " questions*");
    String board = result.leaderboard().isEmpty() ? "Nobody scored this round." : standings(result.leaderboard());
    return List.of(
        section(s -> s.text(markdownText(title + "\n" + board))),
        context(List.of(markdownText("`/tutor-quiz` for another round · `/tutor-quiz leaderboard` for the all-time board"
            + " · *quiz me* in a direct message to practise alone"))));
  }

  static String leaderboardText(List<Standing> board) {
    return board.isEmpty() ? "No quiz points yet." : "All-time quiz leaderboard";
  }

  /** The workspace's all-time board. */
  static List<LayoutBlock> leaderboard(List<Standing> board) {
    String body = board.isEmpty()
        ? "No quiz points yet: start a round with `/tutor-quiz`."
        : standings(board);
    return List.of(section(s -> s.text(markdownText(":trophy: *All-time quiz leaderboard*\n" + body))));
  }

  private static String standings(List<Standing> board) {
    return board.stream()
        .map(st -> medal(st.rank()) + " " + mention(st.user()) + ": " + points(st.points()) + " points ("
            + st.right() + " right)")
        .collect(Collectors.joining("\n"));
  }

  private static String medal(int rank) {
    return switch (rank) {
      case 1 -> ":first_place_medal:";
      case 2 -> ":second_place_medal:";
      case 3 -> ":third_place_medal:";
      default -> rank + ".";
    };
  }

  // ---- solo practice ----

  static String soloQuestionText(SoloQuestion q) {
    return "Practice question: " + q.question().text();
  }

  static List<LayoutBlock> soloQuestion(SoloQuestion sq) {
    QuizQuestion q = sq.question();
    String heading = sq.retry()
        ? "*Practice · again* (you missed this one before)"
        : "*Practice · question " + sq.number() + " of " + sq.size() + "*";
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(s -> s.text(markdownText(heading + "\n" + SafeText.neutralize(q.text())))));
    blocks.add(section(s -> s.text(markdownText(choiceLines(q, -1)))));
    blocks.add(actions(a -> a.blockId("tutor_quiz_solo_" + sq.seq())
        .elements(answerButtons(q, choice -> SOLO_ANSWER + choice,
            choice -> SoloTap.value(sq.sessionId(), sq.seq(), choice)))));
    String left = sq.remaining() == 1 ? "last one to go" : sq.remaining() + " to go";
    blocks.add(context(List.of(markdownText(left + " · take your time"))));
    return blocks;
  }

  static String soloFeedbackText(SoloFeedback f) {
    return (f.right() ? "Right: " : "Not quite: the answer is ") + letter(f.question().answer()) + ", "
        + f.question().rightChoice();
  }

  /** The answered question, showing right or wrong, the explanation and its source. */
  static List<LayoutBlock> soloFeedback(SoloFeedback f) {
    QuizQuestion q = f.question();
    String verdict = f.right()
        ? ":white_check_mark: *Right!* " + letter(q.answer()) + ", " + SafeText.neutralize(q.rightChoice())
        : ":x: *Not quite.* You picked " + letter(f.choice()) + ". The answer is *" + letter(q.answer()) + ", "
            + SafeText.neutralize(q.rightChoice()) + "*.";
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(s -> s.text(markdownText(SafeText.neutralize(q.text())))));
    blocks.add(section(s -> s.text(markdownText(verdict + "\n" + SafeText.neutralize(q.explanation())))));
    String back = f.comesBack() ? " · this one comes back at the end" : "";
    blocks.add(context(List.of(markdownText(":book: " + SafeText.neutralize(q.source().citation()) + back))));
    return blocks;
  }

  static String soloSummaryText(SoloSummary s) {
    return "Practice done: " + s.score() + " of " + s.outOf() + " right at the first try";
  }

  static List<LayoutBlock> soloSummary(SoloSummary s) {
    String best = s.newBest() ? " New best!" : " Your best is " + s.best() + " of " + s.outOf() + ".";
    String text = ":tada: *Practice done: " + s.score() + " of " + s.outOf() + " right at the first try.*" + best
        + "\nYou have mastered " + s.mastered() + " of the " + s.bankSize() + " questions.";
    return List.of(
        section(b -> b.text(markdownText(text))),
        context(List.of(markdownText("Say *quiz me* for another practice; your progress is on my Home tab."))));
  }

  // ---- App Home ----

  /** The quiz's part of App Home: what it is, the person's progress, and a button to practise. */
  static List<LayoutBlock> home(SoloProgress progress, Map<String, QuizQuestion> questions) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(s -> s.text(markdownText("*Practise* — `/tutor-quiz` runs a quick round in a channel;"
        + " the button below runs the lesson's 10-question quiz here, at your own pace."))));
    String score = progress.bestScore().isPresent()
        ? "*Best score:* " + progress.bestScore().getAsInt() + " of " + progress.outOf() + " · "
            + progress.finished() + (progress.finished() == 1 ? " practice finished" : " practices finished")
        : "*Best score:* none yet: finish a practice to get one.";
    StringBuilder mastered = new StringBuilder("*Mastered:* " + progress.mastered().size() + " of "
        + progress.bankSize() + " questions");
    for (String id : progress.mastered()) {
      QuizQuestion q = questions.get(id);
      if (q != null) {
        mastered.append("\n:white_check_mark: ").append(SafeText.neutralize(SafeText.truncate(q.text(), HOME_QUESTION_CHARS)));
      }
    }
    blocks.add(section(s -> s.text(markdownText(score + "\n" + mastered))));
    String label = progress.inProgress() ? "Continue practice" : "Start practice";
    blocks.add(actions(a -> a.blockId("tutor_quiz_home")
        .elements(List.of(button(b -> b.actionId(HOME_PRACTICE).text(plainText(label)).value("practice").style("primary"))))));
    return blocks;
  }

  // ---- pieces ----

  private static String choiceLines(QuizQuestion q, int right) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < q.choices().size(); i++) {
      String choice = SafeText.neutralize(q.choices().get(i));
      lines.add(i == right
          ? ":white_check_mark: *" + letter(i) + "  " + choice + "*"
          : "*" + letter(i) + "*  " + choice);
    }
    return String.join("\n", lines);
  }

  private static List<BlockElement> answerButtons(QuizQuestion q, Function<Integer, String> actionId,
      Function<Integer, String> value) {
    List<BlockElement> buttons = new ArrayList<>();
    for (int i = 0; i < q.choices().size(); i++) {
      int choice = i;
      buttons.add(button(b -> b.actionId(actionId.apply(choice)).text(plainText(letter(choice)))
          .value(value.apply(choice))));
    }
    return buttons;
  }

  static String letter(int choice) {
    return choice >= 0 && choice < LETTERS.length() ? String.valueOf(LETTERS.charAt(choice)) : "?";
  }

  /** A mention of someone who answered; an id that is not a Slack user id is shown neutralized. */
  static String mention(String userId) {
    return USER_ID.matcher(userId).matches() ? "<@" + userId + ">" : SafeText.neutralize(userId);
  }

  private static String points(int points) {
    return String.format(Locale.ROOT, "%,d", points);
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
