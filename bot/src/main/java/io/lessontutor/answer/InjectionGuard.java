package io.lessontutor.answer;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Spots questions that try to change the tutor's rules ("ignore your instructions and ...",
 * "pretend the lesson says ...", "reveal your prompt") or to make it broadcast. The tutor answers
 * only from the lesson, so such a question gets the kind refusal whatever else it asks.
 */
final class InjectionGuard {

  private static final List<Pattern> PATTERNS = List.of(
      Pattern.compile("\\b(ignore|disregard|forget|override|bypass)\\b.{0,40}\\b(instructions?|rules?|guidelines?|lesson|prompt|above|previous|prior|everything)\\b"),
      Pattern.compile("\\b(system|hidden|secret|initial)\\s+(prompt|instructions?|message)\\b"),
      Pattern.compile("\\b(you are now|act as|pretend|roleplay|role-play|jailbreak|developer mode|dan)\\b"),
      Pattern.compile("\\b(new|updated) instructions\\b|\\b(new|updated)\\s+rules?\\s*:"),
      Pattern.compile("\\b(always|only ever|from now on)\\s+(answer|respond|reply)\\b|\\bfrom now on\\b"),
      Pattern.compile("\\b(repeat after me|say exactly|post this|announce)\\b"),
      Pattern.compile("\\bi (authori[sz]e|permit|allow) you\\b"),
      Pattern.compile("\\bwithout the lesson\\b"),
      Pattern.compile("<!(channel|here|everyone|subteam)|@(channel|here|everyone)\\b"));

  private InjectionGuard() {}

  static boolean isInjection(String question) {
    String q = question.toLowerCase(Locale.ROOT);
    return PATTERNS.stream().anyMatch(p -> p.matcher(q).find());
  }
}
