package io.lessontutor.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one lesson file: YAML front matter between {@code ---} lines, then sections that start
 * with {@code # Title} and hold paragraphs and {@code - } bullets.
 *
 * <p>Two bullet shapes have a meaning of their own: {@code - [Lesson title] (Track · 8 min) summary}
 * is a related lesson, and {@code - **Term**: definition} is a glossary entry. The front matter's
 * {@code summary} becomes the first passage, in the section {@value #SUMMARY_SECTION}. A line
 * {@code also: phrasing; phrasing} under a paragraph or bullet lists other ways people ask for it.
 *
 * <p>A line {@code says: sentence} under a bullet is what the tutor says for it, for a bullet whose
 * meaning depends on its heading. Every bullet under a negating heading ("What AI cannot do")
 * must have one, and every content word of it must be in the bullet or its heading, apart from
 * {@link #SAYS_FUNCTION_WORDS}: the tutor may restate the lesson, never add to it.
 *
 * <p>A line {@code claims: yes: proposition; no: proposition} under a passage (or the front
 * matter's {@code summary_claims} for the summary) lists what the passage asserts, each with its
 * polarity (yes, no, usually-not), for answering yes/no questions ({@link Claim}). The same check
 * holds: every content word of a proposition is in the passage, its heading or its 'says:' line.
 */
public final class LessonFileParser {

  /**
   * The version of what {@link #parse} makes of a file: bump it whenever a change here (or in
   * {@link Lesson}, {@link Passage}, {@link Claim}) would parse the same file differently, so that
   * lessons kept by {@link LessonCache} are parsed again rather than served as the old code read them.
   */
  public static final String VERSION = "1";

  /** The section the front matter's one-line summary is filed under. */
  public static final String SUMMARY_SECTION = "Lesson summary";
  /** The section of the passage made from the front matter's facts: number, track, reading time. */
  public static final String ABOUT_SECTION = "About this lesson";
  /** How people ask for those facts. */
  private static final String ABOUT_ASKED_AS =
      "how long is it; how many minutes to read; reading time; what track; what number";

  private static final Set<String> REQUIRED_KEYS =
      Set.of("id", "title", "lesson", "course_size", "track", "reading_time", "summary");
  /** Optional front matter: other ways of asking for the summary, as an "also:" line would list them. */
  private static final String SUMMARY_ALSO = "summary_also";
  /** Optional front matter: what the lesson covers, as a phrase ("when to fine-tune, RAG and LoRA"). */
  private static final String SCOPE = "scope";
  /** Optional front matter: a list of questions the tutor suggests; each must be answerable. */
  private static final String SUGGESTED = "suggested_questions";
  /** Optional front matter: what the summary claims, as a 'claims:' line would list it. */
  private static final String SUMMARY_CLAIMS = "summary_claims";
  private static final Set<String> OPTIONAL_KEYS = Set.of(SUMMARY_ALSO, SUMMARY_CLAIMS, SCOPE, SUGGESTED);
  private static final Pattern HEADING = Pattern.compile("^#\\s+(\\S.*)$");
  private static final Pattern BULLET = Pattern.compile("^[-*]\\s+(\\S.*)$");
  private static final Pattern RELATED = Pattern.compile("^\\[([^\\]]+)]\\s*\\(([^)]+)\\)\\s*(\\S.*)$");
  private static final Pattern TERM = Pattern.compile("^\\*\\*([^*]+)\\*\\*\\s*:\\s*(\\S.*)$");
  /** A line that lists other ways of asking for the passage above it, separated by ';'. */
  static final String ALSO = "also:";
  /** A line that gives the sentence the tutor says for the bullet above it. */
  static final String SAYS = "says:";
  /** A line that lists what the passage above it asserts, each as 'stance: proposition', separated by ';'. */
  static final String CLAIMS = "claims:";
  /**
   * The closed list of words a {@code says:} line may add to its bullet and heading: function
   * words, and the negations that carry the heading's meaning into the sentence.
   */
  public static final Set<String> SAYS_FUNCTION_WORDS = Set.of(
      "a", "an", "the", "it", "its", "it's", "is", "are", "be", "does", "do", "can", "will", "your", "you", "of",
      "to", "for", "and", "or", "but", "by", "on", "in", "with", "from", "that", "this", "as", "when",
      "not", "no", "never", "can't", "cannot", "doesn't", "don't", "won't", "isn't", "aren't");
  /** A heading with one of these words lists what something does not do: its bullets need a 'says:' line. */
  private static final Pattern NEGATING_HEADING =
      Pattern.compile("(?i)\\b(cannot|can't|can not|not|never|don't|doesn't|won't|avoid)\\b");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:'[\\p{L}]+)?");
  private static final Pattern ID = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  /** Parses the file; throws {@link KnowledgeFileException} naming the line that is wrong. */
  public Lesson parse(Path file) {
    return parse(file, KnowledgeFiles.readLines(file));
  }

  Lesson parse(Path file, List<String> lines) {
    if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
      throw new KnowledgeFileException(file, 1, "a lesson file starts with front matter: a line '---'");
    }
    int end = -1;
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("---")) {
        end = i;
        break;
      }
    }
    if (end < 0) {
      throw new KnowledgeFileException(file, 1, "the front matter is not closed by a line '---'");
    }
    JsonNode meta = readFrontMatter(file, lines.subList(1, end));
    String id = text(file, meta, "id");
    if (!ID.matcher(id).matches()) {
      throw new KnowledgeFileException(file, lineOf(lines, "id:", end), "id '" + id + "' must be lower-case words joined by '-'");
    }
    String title = text(file, meta, "title");
    String summary = text(file, meta, "summary");

    Body body = new Body(file, id, title);
    body.add(SUMMARY_SECTION, Passage.Kind.PARAGRAPH, summary, null, 1);
    if (meta.hasNonNull(SUMMARY_ALSO)) {
      body.addAskedAs(meta.get(SUMMARY_ALSO).asText(), lineOf(lines, SUMMARY_ALSO + ":", end));
    }
    if (meta.hasNonNull(SUMMARY_CLAIMS)) {
      body.addClaims(meta.get(SUMMARY_CLAIMS).asText(), lineOf(lines, SUMMARY_CLAIMS + ":", end));
    }
    int number = number(file, meta, "lesson", lines, end);
    int courseSize = number(file, meta, "course_size", lines, end);
    String track = text(file, meta, "track");
    String readingTime = text(file, meta, "reading_time");
    // the page's own header line, so "how long is this lesson?" has an answer
    body.add(ABOUT_SECTION, Passage.Kind.PARAGRAPH,
        "Lesson " + number + " of " + courseSize + " · " + track + " · " + readingTime + ".", null, 1);
    body.addAskedAs(ABOUT_ASKED_AS, 1);
    body.read(lines, end + 1);
    if (body.passages.size() == 2) {
      throw new KnowledgeFileException(file, lines.size(), "the lesson has no sections: add a '# Section' with text");
    }
    List<String> suggested = new ArrayList<>();
    if (meta.hasNonNull(SUGGESTED)) {
      if (!meta.get(SUGGESTED).isArray()) {
        throw new KnowledgeFileException(file, lineOf(lines, SUGGESTED + ":", end), "'" + SUGGESTED + "' must be a list of questions");
      }
      meta.get(SUGGESTED).forEach(q -> suggested.add(q.asText().strip()));
    }
    String scope = meta.hasNonNull(SCOPE) ? meta.get(SCOPE).asText().strip() : "the lesson “" + title + "”";
    return new Lesson(id, title, number, courseSize, track, readingTime, summary, scope, suggested, body.passages, file);
  }

  private JsonNode readFrontMatter(Path file, List<String> frontMatter) {
    JsonNode meta;
    try {
      meta = yaml.readTree(String.join("\n", frontMatter));
    } catch (JsonProcessingException e) {
      throw KnowledgeFiles.yamlError(file, 1, "the front matter", e); // it starts on the file's line 2
    }
    if (meta == null || !meta.isObject()) {
      throw new KnowledgeFileException(file, 2, "the front matter must be a map of keys and values");
    }
    for (String key : REQUIRED_KEYS) {
      if (!meta.hasNonNull(key)) {
        throw new KnowledgeFileException(file, 1, "the front matter lacks '" + key + "'");
      }
    }
    for (var names = meta.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (!REQUIRED_KEYS.contains(key) && !OPTIONAL_KEYS.contains(key)) {
        throw new KnowledgeFileException(file, lineOf(frontMatter, key + ":", frontMatter.size()) + 1,
            "unknown front matter key '" + key + "' (known: "
                + String.join(", ", java.util.stream.Stream.concat(REQUIRED_KEYS.stream(), OPTIONAL_KEYS.stream()).sorted().toList()) + ")");
      }
    }
    return meta;
  }

  private static String text(Path file, JsonNode meta, String key) {
    String value = meta.get(key).asText().strip();
    if (value.isEmpty()) {
      throw new KnowledgeFileException(file, 1, "front matter '" + key + "' is empty");
    }
    return value;
  }

  private static int number(Path file, JsonNode meta, String key, List<String> lines, int end) {
    JsonNode value = meta.get(key);
    if (!value.canConvertToInt() || value.asInt() <= 0) {
      throw new KnowledgeFileException(file, lineOf(lines, key + ":", end), "front matter '" + key + "' must be a positive whole number");
    }
    return value.asInt();
  }

  private static int lineOf(List<String> lines, String prefix, int limit) {
    for (int i = 0; i < Math.min(limit, lines.size()); i++) {
      if (lines.get(i).strip().startsWith(prefix)) {
        return i + 1;
      }
    }
    return 1;
  }

  /** Collects the body's passages, numbering them within their section. */
  private static final class Body {
    private final Path file;
    private final String lessonId;
    private final String lessonTitle;
    private final List<Passage> passages = new ArrayList<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final StringBuilder paragraph = new StringBuilder();
    private String section;
    private int paragraphLine;

    Body(Path file, String lessonId, String lessonTitle) {
      this.file = file;
      this.lessonId = lessonId;
      this.lessonTitle = lessonTitle;
    }

    void read(List<String> lines, int from) {
      for (int i = from; i < lines.size(); i++) {
        int lineNo = i + 1;
        String line = lines.get(i).strip();
        Matcher heading = HEADING.matcher(line);
        Matcher bullet = BULLET.matcher(line);
        if (line.isEmpty()) {
          flushParagraph();
        } else if (heading.matches()) {
          flushParagraph();
          section = heading.group(1).strip();
          if (counts.containsKey(section)) {
            throw new KnowledgeFileException(file, lineNo, "section '" + section + "' appears twice");
          }
          counts.put(section, 0);
        } else if (line.startsWith("#")) {
          throw new KnowledgeFileException(file, lineNo, "only '# Section' headings are allowed, one level deep");
        } else if (section == null) {
          throw new KnowledgeFileException(file, lineNo, "text before the first '# Section' heading");
        } else if (line.startsWith(ALSO)) {
          flushParagraph();
          addAskedAs(line.substring(ALSO.length()), lineNo);
        } else if (line.startsWith(CLAIMS)) {
          flushParagraph();
          addClaims(line.substring(CLAIMS.length()), lineNo);
        } else if (line.startsWith(SAYS)) {
          flushParagraph();
          addSays(line.substring(SAYS.length()).strip(), lineNo);
        } else if (bullet.matches()) {
          flushParagraph();
          addBullet(bullet.group(1), lineNo);
        } else {
          if (paragraph.length() == 0) {
            paragraphLine = lineNo;
          } else {
            paragraph.append(' ');
          }
          paragraph.append(line);
        }
      }
      flushParagraph();
      checkNegatedBulletsSaySomething();
      counts.forEach((name, count) -> {
        if (count == 0) {
          throw new KnowledgeFileException(file, lines.size(), "section '" + name + "' has no text");
        }
      });
    }

    void addAskedAs(String phrasings, int lineNo) {
      if (passages.isEmpty() || (section != null && !passages.get(passages.size() - 1).section().equals(section))) {
        throw new KnowledgeFileException(file, lineNo, "an 'also:' line must follow the paragraph or bullet it belongs to");
      }
      List<String> list = java.util.Arrays.stream(phrasings.split(";")).map(String::strip).filter(p -> !p.isEmpty()).toList();
      if (list.isEmpty()) {
        throw new KnowledgeFileException(file, lineNo, "an 'also:' line lists phrasings separated by ';'");
      }
      passages.set(passages.size() - 1, passages.get(passages.size() - 1).withAskedAs(list));
    }

    private final Map<String, Integer> lineOfPassage = new HashMap<>();

    void addSays(String sentence, int lineNo) {
      Passage last = passages.isEmpty() ? null : passages.get(passages.size() - 1);
      if (last == null || !last.section().equals(section) || last.kind() != Passage.Kind.BULLET) {
        throw new KnowledgeFileException(file, lineNo, "a 'says:' line must follow the bullet it belongs to");
      }
      if (last.says() != null) {
        throw new KnowledgeFileException(file, lineNo, "the bullet above already has a 'says:' line");
      }
      if (sentence.isEmpty()) {
        throw new KnowledgeFileException(file, lineNo, "a 'says:' line needs the sentence the tutor says");
      }
      Set<String> allowed = new java.util.HashSet<>();
      stems(last.text() + " " + last.section()).forEach(allowed::add);
      Matcher word = WORD.matcher(sentence);
      while (word.find()) {
        String w = word.group().toLowerCase(Locale.ROOT).replace('’', '\'');
        if (!SAYS_FUNCTION_WORDS.contains(w) && !allowed.contains(stem(w))) {
          throw new KnowledgeFileException(file, lineNo, "the 'says:' line uses '" + word.group()
              + "', which is neither in its bullet nor in the heading '" + section + "': it may only restate them");
        }
      }
      passages.set(passages.size() - 1, last.withSays(sentence));
    }

    void addClaims(String list, int lineNo) {
      Passage last = passages.isEmpty() ? null : passages.get(passages.size() - 1);
      if (last == null || (section != null && !last.section().equals(section))) {
        throw new KnowledgeFileException(file, lineNo, "a 'claims:' line must follow the paragraph or bullet it belongs to");
      }
      Set<String> allowed = new java.util.HashSet<>();
      stems(last.text() + " " + last.section() + " " + (last.says() == null ? "" : last.says())).forEach(allowed::add);
      List<Claim> claims = new ArrayList<>();
      for (String item : list.split(";")) {
        String one = item.strip();
        if (one.isEmpty()) {
          continue;
        }
        int colon = one.indexOf(':');
        if (colon < 0) {
          throw new KnowledgeFileException(file, lineNo, "the claim '" + one + "' needs its stance first: 'yes: ...', 'no: ...' or 'usually-not: ...'");
        }
        String stance = one.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String proposition = one.substring(colon + 1).strip();
        Matcher word = WORD.matcher(proposition);
        while (word.find()) {
          String w = word.group().toLowerCase(Locale.ROOT).replace('’', '\'');
          if (!SAYS_FUNCTION_WORDS.contains(w) && !allowed.contains(stem(w))) {
            throw new KnowledgeFileException(file, lineNo, "the claim '" + one + "' uses '" + word.group()
                + "', which is neither in its passage nor in the heading '" + last.section() + "': a claim may only restate them");
          }
        }
        try {
          claims.add(new Claim(stance, proposition));
        } catch (IllegalArgumentException e) {
          throw new KnowledgeFileException(file, lineNo, e.getMessage());
        }
      }
      if (claims.isEmpty()) {
        throw new KnowledgeFileException(file, lineNo, "a 'claims:' line lists claims separated by ';'");
      }
      passages.set(passages.size() - 1, last.withClaims(claims));
    }

    private void checkNegatedBulletsSaySomething() {
      for (Passage p : passages) {
        if (p.kind() == Passage.Kind.BULLET && p.says() == null && NEGATING_HEADING.matcher(p.section()).find()) {
          throw new KnowledgeFileException(file, lineOfPassage.getOrDefault(p.id(), 1), "the bullet '" + p.text()
              + "' sits under the negating heading '" + p.section() + "' and would read as the opposite when shown bare:"
              + " add a 'says:' line under it with the sentence the tutor says");
        }
      }
    }

    private void addBullet(String text, int lineNo) {
      Matcher related = RELATED.matcher(text);
      Matcher term = TERM.matcher(text);
      if (related.matches()) {
        add(section, Passage.Kind.RELATED, related.group(3).strip(), related.group(1).strip(), lineNo);
      } else if (term.matches()) {
        add(section, Passage.Kind.TERM, term.group(1).strip() + ": " + term.group(2).strip(), null, lineNo);
      } else if (text.startsWith("[") || text.startsWith("**")) {
        throw new KnowledgeFileException(file, lineNo,
            "a bullet that starts with '[' or '**' must be '- [Lesson title] (Track · N min) summary' or '- **Term**: definition'");
      } else {
        add(section, Passage.Kind.BULLET, text, null, lineNo);
      }
    }

    private void flushParagraph() {
      if (paragraph.length() > 0) {
        add(section, Passage.Kind.PARAGRAPH, paragraph.toString(), null, paragraphLine);
        paragraph.setLength(0);
      }
    }

    void add(String sectionName, Passage.Kind kind, String text, String relatedLesson, int lineNo) {
      int n = counts.merge(sectionName, 1, Integer::sum);
      String id = lessonId + "/" + slug(sectionName) + "/" + n;
      try {
        passages.add(new Passage(id, lessonId, lessonTitle, sectionName, kind, text, relatedLesson));
        lineOfPassage.put(id, lineNo);
      } catch (IllegalArgumentException e) {
        throw new KnowledgeFileException(file, lineNo, e.getMessage());
      }
    }
  }

  private static java.util.stream.Stream<String> stems(String text) {
    List<String> out = new ArrayList<>();
    Matcher word = WORD.matcher(text);
    while (word.find()) {
      out.add(stem(word.group().toLowerCase(Locale.ROOT).replace('’', '\'')));
    }
    return out.stream();
  }

  /** The word's Porter stem, so that "slows" in a 'says:' line matches "slow" in its bullet. */
  private static String stem(String word) {
    org.tartarus.snowball.ext.PorterStemmer stemmer = new org.tartarus.snowball.ext.PorterStemmer();
    stemmer.setCurrent(word);
    stemmer.stem();
    return stemmer.getCurrent();
  }

  static String slug(String title) {
    return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
