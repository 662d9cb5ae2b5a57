package io.lessontutor.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last guard before anything reaches Slack: every text the tutor posts goes through
 * {@link #neutralize}, so that no echoed text can ping a channel, a user group or a person.
 * {@link #plain} turns what a person typed (Slack's mrkdwn with entities) into plain text for the
 * answerer. Both are pure functions, safe from any thread.
 */
public final class SafeText {

  /** Slack's control sequences: {@code <@U123>}, {@code <!here>}, {@code <!subteam^S1|@team>}, links. */
  private static final Pattern ENTITY = Pattern.compile("<([^<>]*)>");
  /** Zero-width space: keeps "@here" readable while breaking the mention. */
  private static final String BREAK = "\u200B";

  private SafeText() {}

  /**
   * Text that Slack shows as written but that cannot ping anyone: entities become their labels
   * with the {@code @} broken, plain {@code @channel}/{@code @here}/{@code @everyone} are broken,
   * and {@code & < >} are escaped so that no new entity can form. Null gives "".
   */
  /** Slack's ids of people and channels, as Slack gives them in payloads. */
  private static final java.util.regex.Pattern SLACK_ID = java.util.regex.Pattern.compile("[UWCGD][A-Z0-9]{2,30}");

  /**
   * A mention of the person with this id, for mrkdwn blocks the tutor writes itself (who shared,
   * who changed a setting); never built from what someone typed. An id that is not Slack's shape
   * gives "someone".
   */
  public static String userMention(String userId) {
    return userId != null && SLACK_ID.matcher(userId).matches() && (userId.startsWith("U") || userId.startsWith("W"))
        ? "<@" + userId + ">" : "someone";
  }

  /** A link to the channel with this id, for mrkdwn the tutor writes itself; "a channel" for an id of another shape. */
  public static String channelLink(String channelId) {
    return channelId != null && SLACK_ID.matcher(channelId).matches() && (channelId.startsWith("C") || channelId.startsWith("G"))
        ? "<#" + channelId + ">" : "a channel";
  }

  public static String neutralize(String text) {
    if (text == null) {
      return "";
    }
    // Breaking every "@" covers plain @here as well as the labels left by <@U1|name> and
    // <!subteam^S1|@team>; an address such as a@b.example still reads the same.
    String broken = plain(text).replace("@", "@" + BREAK);
    return broken.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * What a person typed, as plain text: {@code <@U123>} becomes "@U123" (or "@name" when Slack
   * gave a label), {@code <!here>} becomes "@here", {@code <https://x|label>} becomes "label", and
   * Slack's escapes ({@code &lt; &gt; &amp;}) are undone. Null gives "".
   */
  public static String plain(String text) {
    if (text == null) {
      return "";
    }
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(label(m.group(1))));
    }
    m.appendTail(out);
    return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private static String label(String entity) {
    int bar = entity.indexOf('|');
    String target = bar < 0 ? entity : entity.substring(0, bar);
    String label = bar < 0 ? null : entity.substring(bar + 1);
    if (target.startsWith("@") || target.startsWith("#")) {
      String name = label != null && !label.isBlank() ? label : target.substring(1);
      return target.charAt(0) + stripLeading(name, target.charAt(0));
    }
    if (target.startsWith("!")) {
      if (label != null && !label.isBlank()) {
        return label.startsWith("@") ? label : "@" + label;
      }
      String special = target.substring(1);
      int caret = special.indexOf('^');
      return "@" + (caret < 0 ? special : special.substring(0, caret));
    }
    return label != null && !label.isBlank() ? label : target;
  }

  private static String stripLeading(String name, char prefix) {
    return name.charAt(0) == prefix ? name.substring(1) : name;
  }

  /** The text cut to at most {@code max} characters, with an ellipsis when cut. */
  public static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return text.substring(0, Math.max(0, max - 1)) + "…";
  }
}
