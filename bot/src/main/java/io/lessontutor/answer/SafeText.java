package io.lessontutor.answer;

import java.util.regex.Pattern;

/**
 * Makes text safe to post where people read it: nothing in it can ping a channel, a user group
 * or a person. Slack's special mentions ({@code <!channel>}, {@code <!here>}, {@code <!everyone>},
 * {@code <!subteam^…>}, {@code <@U…>}) lose their brackets, and plain {@code @channel},
 * {@code @here} and {@code @everyone} get a zero-width joiner after the {@code @}, so they read
 * the same but notify nobody.
 */
public final class SafeText {

  private static final String ZERO_WIDTH_JOINER = "\u200D";
  private static final Pattern SPECIAL_MENTION = Pattern.compile("<([!@#][^>]*)>");
  private static final Pattern BROADCAST = Pattern.compile("(?i)@(channel|here|everyone)\\b");

  private SafeText() {}

  public static String neutralize(String text) {
    if (text == null) {
      return "";
    }
    String out = SPECIAL_MENTION.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
        m.group(1).replaceFirst("^[!@#]", "@" + ZERO_WIDTH_JOINER).replaceFirst("\\|.*$", "")));
    return BROADCAST.matcher(out).replaceAll("@" + ZERO_WIDTH_JOINER + "$1");
  }
}
