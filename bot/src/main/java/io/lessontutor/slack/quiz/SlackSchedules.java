package io.lessontutor.slack.quiz;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import io.lessontutor.quiz.RoundSchedule;
import io.lessontutor.quiz.ScheduledRounds;
import io.lessontutor.quiz.Standing;
import io.lessontutor.slack.SafeText;
import io.lessontutor.slack.SlackCallException;
import io.lessontutor.slack.SlackContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled quiz rounds in Slack: {@code /tutor-quiz schedule ...} in a channel, and what the
 * schedule tells the channel (the reminder, a skipped run, the season's standings). The round
 * itself is posted by {@link SlackRounds} like any other.
 */
final class SlackSchedules implements ScheduledRounds.Listener {

  private static final Logger log = LoggerFactory.getLogger(SlackSchedules.class);

  static final String WORD = "schedule";
  static final String NOT_IN_DM = "Schedules are per channel: run `/tutor-quiz schedule ...` in the channel.";
  static final String OFF = "No more scheduled rounds here. The season's points stay on the board.";
  static final String NONE = "This channel has no scheduled round. " + RoundSchedule.USAGE;

  private final ScheduledRounds schedules;
  private final SlackContext context;

  SlackSchedules(ScheduledRounds schedules, SlackContext context) {
    this.schedules = schedules;
    this.context = context;
  }

  static boolean handles(String text) {
    return text != null && text.strip().toLowerCase(Locale.ROOT).startsWith(WORD);
  }

  /** The command's reply: a sentence for the person; the channel is told of a new schedule. */
  String command(String channel, String user, String text) {
    if (channel == null || channel.startsWith("D")) {
      return NOT_IN_DM;
    }
    String rest = text.strip().substring(WORD.length()).strip();
    if (rest.isEmpty()) {
      return schedules.scheduled(channel)
          .map(s -> "Rounds here run " + s.schedule().describe() + "; the next starts "
              + plainWhen(s.nextRun(), s.schedule().zone()) + ". "
              + RoundSchedule.USAGE)
          .orElse(NONE);
    }
    if (rest.equalsIgnoreCase("off")) {
      return schedules.unschedule(channel) ? OFF : NONE;
    }
    RoundSchedule schedule;
    try {
      schedule = RoundSchedule.parse(rest, schedules.defaultZone());
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    Instant next = schedules.schedule(channel, schedule, user);
    String said = "scheduled a quiz round " + schedule.describe() + ". The first starts " + when(next)
        + "; I'll remind you a few minutes before, and post the season's standings after each round.";
    try {
      context.web().postMessage(channel, null, "A quiz round was " + said,
          List.of(section(s -> s.text(markdownText(SafeText.userMention(user) + " " + said)))));
    } catch (SlackCallException e) {
      log.info("could not announce the schedule in {}: {}", channel, e.error());
      return "Scheduled, but I couldn't post in this channel (" + e.error() + "): invite me so the rounds can run.";
    }
    return "Scheduled: " + schedule.describe() + ".";
  }

  /** The time in the schedule's zone, for replies that are plain text. */
  static String plainWhen(Instant at, java.time.ZoneId zone) {
    return java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.ENGLISH)
        .format(at.atZone(zone)) + " (" + zone.getId() + ")";
  }

  /** Slack shows each person the time in their own timezone (channel posts, whose blocks are the tutor's own). */
  private static String when(Instant at) {
    long epoch = at.getEpochSecond();
    return "<!date^" + epoch + "^{date_short_pretty} at {time}|" + at + ">";
  }

  @Override
  public void reminder(String channel, Instant startsAt, RoundSchedule schedule) {
    post(channel, "Quiz time soon: a round starts " + when(startsAt) + " in this channel. Get ready!");
  }

  @Override
  public void notStarted(String channel, String reason) {
    post(channel, "The scheduled quiz round didn't start: " + reason);
  }

  @Override
  public void seasonStandings(String channel, List<Standing> standings) {
    StringBuilder text = new StringBuilder("*Season standings* (scheduled rounds here so far)");
    if (standings.isEmpty()) {
      text.append("\nNo points yet. Next round, maybe?");
    }
    for (Standing s : standings) {
      text.append("\n").append(s.rank()).append(". ").append(SafeText.userMention(s.user())).append(" — ")
          .append(s.points()).append(" points, ").append(s.right()).append(" right");
    }
    String mrkdwn = text.toString();
    try {
      context.web().postMessage(channel, null, "Season standings", List.of(section(b -> b.text(markdownText(mrkdwn)))));
    } catch (SlackCallException e) {
      log.warn("could not post the season standings in {}: {}", channel, e.error());
    }
  }

  private void post(String channel, String mrkdwn) {
    try {
      context.web().postMessage(channel, null, SafeText.plain(mrkdwn), List.of(section(b -> b.text(markdownText(mrkdwn)))));
    } catch (SlackCallException e) {
      log.warn("could not post for the quiz schedule in {}: {}", channel, e.error());
    }
  }
}
