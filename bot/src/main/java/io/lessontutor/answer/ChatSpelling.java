package io.lessontutor.answer;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How people spell everyday words in chat ("wen", "r", "shud", "b4"), read as the words they stand
 * for before anything else reads a question: "wen does fine-tuning make sense" asks when, and "r
 * prompts free" asks whether. Only whole words change; the lesson's own words are never here (the
 * {@link Thesaurus} maps what people type to those). Immutable and thread-safe.
 */
final class ChatSpelling {

  private static final Map<String, String> WORDS = Map.ofEntries(
      Map.entry("wen", "when"), Map.entry("wat", "what"), Map.entry("wut", "what"), Map.entry("r", "are"),
      Map.entry("u", "you"), Map.entry("ur", "your"), Map.entry("shud", "should"), Map.entry("shld", "should"),
      Map.entry("cud", "could"), Map.entry("wud", "would"), Map.entry("b4", "before"), Map.entry("bc", "because"),
      Map.entry("cuz", "because"), Map.entry("coz", "because"), Map.entry("abt", "about"),
      Map.entry("thru", "through"), Map.entry("pls", "please"), Map.entry("plz", "please"), Map.entry("ppl", "people"),
      Map.entry("smth", "something"), Map.entry("sth", "something"), Map.entry("rn", "right now"));

  private static final Pattern WORD = Pattern.compile("(?<![\\p{L}\\p{N}'\\-])[\\p{L}\\p{N}]+(?![\\p{L}\\p{N}'\\-])");

  private ChatSpelling() {}

  /** The text with each chat spelling read as its word, keeping a capital first letter; everything else as it was. */
  static String normalized(String text) {
    Matcher m = WORD.matcher(text);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      String word = WORDS.get(m.group().toLowerCase(Locale.ROOT));
      if (word == null) {
        continue;
      }
      if (Character.isUpperCase(m.group().charAt(0))) {
        word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16);
      }
      out.append(text, last, m.start()).append(word);
      last = m.end();
    }
    return out == null ? text : out.append(text, last, text.length()).toString();
  }
}
