package io.lessontutor.answer;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells a message that continues the conversation ("and why?", "how about adapters?", "and after
 * that?", "is that expensive?") from one that stands on its own ("any good ramen places near the
 * office?"). Only a follow-up is read together with the question before it: the earlier question
 * never rescues a self-contained one the lesson does not cover.
 */
final class FollowUp {

  /** Opens with a connective that carries on from the last message. */
  private static final Pattern CONTINUES = Pattern.compile(
      "^(and|also|but|so|then|or|plus|ok(ay)?( so| and)?|what about|how about|same for|and what about|and how about"
          + "|what else|anything else|why( not)?|how come|really|such as|like what|for example|e\\.?g\\.?)\\b.*");
  /** Points back at something said before: "is that expensive?", "when do we use it?", "after that?". */
  private static final Pattern REFERS_BACK = Pattern.compile(
      ".*\\b(that|this|it|its|those|these|them|they|then|there|one|ones|instead|either|after that|before that"
          + "|the (first|second|third|last|next|other) (one|step)?|next|the same)\\b.*");
  /** Says what comes after the topic before: "and after that?", "what's next?", "and then?". */
  private static final Pattern NEXT = Pattern.compile(
      "^(and |so |ok(ay)? )?(after that|and then|then what|what('s| is| comes)? (next|after that|then)|(the )?next( one| step)?|what now)\\b.*");
  /** A follow-up is short: a whole new question is longer than this many words. */
  static final int MAX_WORDS = 8;

  private FollowUp() {}

  /** True when the message reads as a follow-up to the one before it. */
  static boolean reads(String message) {
    String m = normalize(message);
    if (m.isEmpty() || m.split(" ").length > MAX_WORDS) {
      return false;
    }
    return CONTINUES.matcher(m).matches() || REFERS_BACK.matcher(m).matches();
  }

  /** True when the message points back at something said before ("is that expensive?"), so it means nothing alone. */
  static boolean refersBack(String message) {
    return REFERS_BACK.matcher(normalize(message)).matches();
  }

  /** True when the follow-up asks what comes after the earlier topic. */
  static boolean asksForNext(String message) {
    return NEXT.matcher(normalize(message)).matches();
  }

  private static String normalize(String message) {
    return message.strip().toLowerCase(Locale.ROOT).replaceAll("[?!.,:;]+", " ").replaceAll("\\s+", " ").strip();
  }
}
