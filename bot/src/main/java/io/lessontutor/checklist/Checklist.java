package io.lessontutor.checklist;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The checklist as loaded from {@code knowledge/checklists/<id>.yaml} and checked against the
 * lesson library: its checks in asking order and its verdicts. Immutable.
 *
 * @param source the file it came from, for error messages
 */
public record Checklist(String id, String title, List<Check> checks, List<Verdict> verdicts, Path source) {

  /** The checklist's file under the knowledge folder. */
  public static final String FILE = "checklists/should-we-finetune.yaml";

  public Checklist {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    checks = List.copyOf(checks);
    verdicts = List.copyOf(verdicts);
  }

  public Optional<Check> check(String checkId) {
    return checks.stream().filter(c -> c.id().equals(checkId)).findFirst();
  }

  public Optional<Verdict> verdict(String verdictId) {
    return verdicts.stream().filter(v -> v.id().equals(verdictId)).findFirst();
  }

  public List<String> checkIds() {
    return checks.stream().map(Check::id).toList();
  }
}
