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
  /**
   * Asks for what was said again in other words: simpler, shorter, in one sentence, "tl;dr", "eli5",
   * "in plain English", "rephrase that". Whether it names a topic of its own is for the caller to judge.
   */
  private static final Pattern RESTATE = Pattern.compile(
      "\\b(simpler|more simply|simply put|shorter|briefly|in(to)? (one|a single|1|a|two|2|a few) (sentence|line|word|tweet)s?"
          + "|in plain (english|words|terms)|in layman'?s terms|in (a|one) nutshell|like i'?m (five|5)|eli5|tl ?;? ?dr"
          + "|dumb (it|that) down|boil (it|that) down|distill|rephrase|reword|say (it|that) again|short version)\\b");
  /** Names the lesson (or the course) as what it asks about: "distill the lesson into one sentence". */
  private static final Pattern THE_LESSON = Pattern.compile(".*\\b(the|this|whole) (lesson|course|framework)\\b.*");
  /** A request to restate is short: a longer message asks something of its own. */
  static final int MAX_RESTATE_WORDS = 10;

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

  /** True when the message asks for what was said again, simpler or shorter ("can u say it simpler", "tl;dr?"). */
  static boolean asksToRestate(String message) {
    String m = normalize(message.replace(";", ""));
    return !m.isEmpty() && m.split(" ").length <= MAX_RESTATE_WORDS && RESTATE.matcher(m).find();
  }

  /** The message without its words asking for a restatement ("in one sentence"): what is left may name a topic. */
  static String withoutRestateRequest(String message) {
    return RESTATE.matcher(normalize(message.replace(";", ""))).replaceAll(" ").strip();
  }

  /** True when the message names the lesson itself as its subject. */
  static boolean namesTheLesson(String message) {
    return THE_LESSON.matcher(normalize(message)).matches();
  }

  /** True when the follow-up asks what comes after the earlier topic. */
  static boolean asksForNext(String message) {
    return NEXT.matcher(normalize(message)).matches();
  }

  private static String normalize(String message) {
    return message.strip().toLowerCase(Locale.ROOT).replaceAll("[?!.,:;]+", " ").replaceAll("\\s+", " ").strip();
  }
}
