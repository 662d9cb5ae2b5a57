package io.lessontutor.answer;

import io.lessontutor.search.Vocabulary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What people type for the lesson's own words ("criteria" for "conditions", "cheap" for "not
 * expensive"), read from {@code thesaurus.txt} beside this class and checked at start-up against
 * the lessons' vocabulary the way {@code says:} lines are checked against their passages: a word
 * on the lesson's side that the lessons never use stops start-up with the line and the word. The
 * pipeline reads a question through it before searching, judging and taking a stance; the words a
 * reply shows are always the lesson's. Immutable and thread-safe.
 */
public final class Thesaurus {

  static final String RESOURCE = "thesaurus.txt";
  private static final Pattern NOT = Pattern.compile("^not\\s+");

  private final Map<String, String> lessonWordsFor;
  private final Pattern typed;

  private Thesaurus(Map<String, String> lessonWordsFor) {
    this.lessonWordsFor = Map.copyOf(lessonWordsFor);
    List<String> aliases = new ArrayList<>(lessonWordsFor.keySet());
    // longest first, so "low quality" is read before "low"
    aliases.sort(Comparator.comparingInt(String::length).reversed());
    this.typed = aliases.isEmpty() ? null : Pattern.compile(
        "(?<![\\p{L}\\p{N}\\-])(" + String.join("|", aliases.stream().map(Pattern::quote).toList()) + ")(?![\\p{L}\\p{N}\\-])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** The thesaurus shipped with the tutor, checked against the lessons' vocabulary. */
  public static Thesaurus load(Vocabulary vocabulary) {
    try (InputStream in = Thesaurus.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the thesaurus " + RESOURCE + " is missing from the class path");
      }
      return parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8), vocabulary);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * Reads thesaurus lines ("lesson words: typed, typed"), or fails naming the file, the line and
   * the word when a word on the lesson's side is not one the lessons use, or a line is malformed.
   */
  static Thesaurus parse(String file, String text, Vocabulary vocabulary) {
    Map<String, String> out = new HashMap<>();
    int number = 0;
    try (BufferedReader lines = new BufferedReader(new java.io.StringReader(text))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        int colon = l.indexOf(':');
        if (colon <= 0 || colon == l.length() - 1) {
          throw new IllegalStateException(file + " line " + number + ": write the lesson's words, a colon, then what people type");
        }
        String lesson = l.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        boolean said = false;
        for (String word : NOT.matcher(lesson).replaceFirst("").split("\\s+")) {
          // a function word ("for") says nothing either way; every other word must be the lessons'
          List<String> terms = vocabulary.contentTerms(word);
          if (!terms.stream().allMatch(vocabulary::knows)) {
            throw new IllegalStateException(file + " line " + number + ": \"" + word + "\" is not a word the lessons use");
          }
          said |= !terms.isEmpty();
        }
        if (!said) {
          throw new IllegalStateException(file + " line " + number + ": \"" + lesson + "\" has no word of the lessons");
        }
        for (String alias : l.substring(colon + 1).split(",")) {
          String a = alias.strip().toLowerCase(Locale.ROOT);
          if (a.isEmpty()) {
            throw new IllegalStateException(file + " line " + number + ": an empty word after a comma");
          }
          if (out.containsKey(a) && !out.get(a).equals(lesson)) {
            throw new IllegalStateException(file + " line " + number + ": \"" + a + "\" already reads as \"" + out.get(a) + "\"");
          }
          out.put(a, lesson);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Thesaurus(out);
  }

  /** The text with each typed word of the thesaurus read as the lesson's words; everything else as it was. */
  public String read(String text) {
    return read(text, true);
  }

  /**
   * As {@link #read(String)}; without {@code opposites}, words read as "not X" stay as typed: a
   * search for "cheapest" should not look for "expensive", though a stance reads it as "not expensive".
   */
  public String read(String text, boolean opposites) {
    if (typed == null) {
      return text;
    }
    Matcher m = typed.matcher(text);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      String lesson = lessonWordsFor.get(m.group(1).toLowerCase(Locale.ROOT));
      if (!opposites && lesson.startsWith("not ")) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16);
      }
      out.append(text, last, m.start()).append(lesson);
      last = m.end();
    }
    return out == null ? text : out.append(text, last, text.length()).toString();
  }
}
