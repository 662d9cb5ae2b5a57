package io.lessontutor.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.search.MiniLmEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paraphrases of a declined question land in one group, unrelated questions in different ones:
 * pairwise precision (pairs grouped together that belong together) and recall (pairs that belong
 * together and were grouped together) on a set written for it, tuned on one half, printed for
 * both halves.
 */
class QuestionGroupsTest {

  static MiniLmEmbeddingModel model;

  @BeforeAll
  static void loadModel() {
    model = new MiniLmEmbeddingModel();
  }

  record Scores(double precision, double recall, int groups, int truth) {}

  /** The set's groups: a blank line between groups, # for comments. */
  static List<List<String>> read(String name) throws IOException {
    try (InputStream in = QuestionGroupsTest.class.getResourceAsStream("/report/" + name)) {
      List<List<String>> groups = new ArrayList<>();
      List<String> current = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#")) {
          continue;
        }
        if (line.isBlank()) {
          if (!current.isEmpty()) {
            groups.add(current);
            current = new ArrayList<>();
          }
        } else {
          current.add(line.strip());
        }
      }
      if (!current.isEmpty()) {
        groups.add(current);
      }
      return groups;
    }
  }

  static Scores score(List<List<String>> truth, double threshold) {
    Map<String, Integer> label = new HashMap<>();
    List<String> all = new ArrayList<>();
    for (int g = 0; g < truth.size(); g++) {
      for (String q : truth.get(g)) {
        label.put(q, g);
        all.add(q);
      }
    }
    List<QuestionGroups.Group> found = new QuestionGroups(model, threshold).group(all);
    Map<String, Integer> cluster = new HashMap<>();
    for (int c = 0; c < found.size(); c++) {
      for (String q : found.get(c).questions()) {
        cluster.put(q, c);
      }
    }
    long together = 0, right = 0, belong = 0;
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        boolean same = label.get(all.get(i)).equals(label.get(all.get(j)));
        boolean grouped = cluster.get(all.get(i)).equals(cluster.get(all.get(j)));
        if (grouped) {
          together++;
          if (same) {
            right++;
          }
        }
        if (same) {
          belong++;
        }
      }
    }
    return new Scores(together == 0 ? 1 : (double) right / together, (double) right / belong, found.size(), truth.size());
  }

  @Test
  void paraphrases_are_grouped_together_and_unrelated_questions_kept_apart_on_both_halves() throws IOException {
    Scores tuning = score(read("declined-tuning.txt"), QuestionGroups.DEFAULT_THRESHOLD);
    Scores heldOut = score(read("declined-heldout.txt"), QuestionGroups.DEFAULT_THRESHOLD);
    System.out.printf("grouping at %.2f: tuning precision %.2f recall %.2f (%d groups for %d); held-out precision %.2f"
            + " recall %.2f (%d groups for %d)%n", QuestionGroups.DEFAULT_THRESHOLD, tuning.precision(), tuning.recall(),
        tuning.groups(), tuning.truth(), heldOut.precision(), heldOut.recall(), heldOut.groups(), heldOut.truth());
    // measured at 0.64: tuning 1.00 / 0.37, held-out 1.00 / 0.57; groups are never mixed,
    // but the model leaves a good share of paraphrases (slang, one-word forms) apart
    assertThat(tuning.precision()).isGreaterThanOrEqualTo(0.9);
    assertThat(heldOut.precision()).isGreaterThanOrEqualTo(0.9);
    assertThat(tuning.recall()).isGreaterThanOrEqualTo(0.35);
    assertThat(heldOut.recall()).isGreaterThanOrEqualTo(0.35);
  }

  /**
   * The second set (Slack-style: slang, one word, typos), split before any tuning. Its tuning half
   * was swept too: below 0.64 its recall rises (0.44 at 0.56) with precision still 1.00, but the
   * first tuning half then mixes groups (precision 0.78), and embedding only a question's content
   * words, or counting shared words as likeness, changed nothing at 0.64; so 0.64 stays. What
   * MiniLM misses are paraphrases in other words ("pinecone vs weaviate", "which vector db").
   */
  @Test
  void on_the_slack_style_second_set_groups_are_never_mixed_and_recall_is_printed() throws IOException {
    Scores tuning = score(read("declined-tuning-2.txt"), QuestionGroups.DEFAULT_THRESHOLD);
    Scores heldOut = score(read("declined-heldout-2.txt"), QuestionGroups.DEFAULT_THRESHOLD);
    System.out.printf("second set at %.2f: tuning precision %.2f recall %.2f (%d groups for %d); held-out precision"
            + " %.2f recall %.2f (%d groups for %d)%n", QuestionGroups.DEFAULT_THRESHOLD, tuning.precision(),
        tuning.recall(), tuning.groups(), tuning.truth(), heldOut.precision(), heldOut.recall(), heldOut.groups(),
        heldOut.truth());
    assertThat(tuning.precision()).isGreaterThanOrEqualTo(0.9);
    assertThat(heldOut.precision()).isGreaterThanOrEqualTo(0.9);
    assertThat(tuning.recall()).isGreaterThanOrEqualTo(0.2);
    assertThat(heldOut.recall()).isGreaterThan(0.0);
  }

  /** The sweep the threshold was chosen from: the tuning half only. */
  @Test
  void the_tuning_sweep_prints_precision_and_recall_by_threshold() throws IOException {
    List<List<String>> tuning = read("declined-tuning.txt");
    for (double t = 0.40; t <= 0.86; t += 0.04) {
      Scores s = score(tuning, t);
      System.out.printf("tuning threshold %.2f: precision %.2f recall %.2f groups %d/%d%n", t, s.precision(),
          s.recall(), s.groups(), s.truth());
    }
    assertThat(tuning).hasSize(6);
  }
}
