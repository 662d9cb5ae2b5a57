package io.lessontutor.checklist;

import io.lessontutor.knowledge.LessonLibrary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The real knowledge folder and checklist, loaded once for the tests. */
final class Fixtures {

  static final Path KNOWLEDGE = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge"));
  static final LessonLibrary LIBRARY = LessonLibrary.load(KNOWLEDGE);
  static final Checklist CHECKLIST = new ChecklistFileParser(LIBRARY).load(KNOWLEDGE);

  private Fixtures() {}

  /** Answers from "check=yes, check=no, check=?" text; blank gives none. */
  static Answers answers(String spec) {
    return new Answers(parse(spec));
  }

  /** Every check answered with the value, then the overrides applied ("?" makes one Not sure). */
  static Answers all(AnswerValue value, String overrides) {
    Map<String, AnswerValue> values = new LinkedHashMap<>();
    CHECKLIST.checks().forEach(c -> values.put(c.id(), value));
    values.putAll(parse(overrides));
    return new Answers(values);
  }

  private static Map<String, AnswerValue> parse(String spec) {
    Map<String, AnswerValue> values = new LinkedHashMap<>();
    if (!spec.isBlank()) {
      for (String pair : spec.split("\\s*,\\s*")) {
        String[] kv = pair.strip().split("=");
        if (Fixtures.CHECKLIST.check(kv[0]).isEmpty()) {
          throw new IllegalArgumentException("no check " + kv[0]);
        }
        values.put(kv[0], AnswerValue.parse(kv[1]).orElseThrow(() -> new IllegalArgumentException(pair)));
      }
    }
    return values;
  }
}
