package io.lessontutor.report;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Groups questions by meaning: average-linkage clustering of their MiniLM embeddings, merging
 * while two groups' questions are, on average, at least {@code threshold} alike (cosine).
 * Questions that are the same once lower-cased and stripped of punctuation are embedded once.
 * Groups come out biggest first; each keeps its questions in the order given.
 */
public final class QuestionGroups {

  /**
   * Average cosine similarity from which two groups merge. Tuned on
   * {@code report/declined-tuning.txt} only (see {@code QuestionGroupsTest}).
   */
  public static final double DEFAULT_THRESHOLD = 0.64;

  private final EmbeddingModel embeddings;
  private final double threshold;

  public QuestionGroups(EmbeddingModel embeddings, double threshold) {
    this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
    if (threshold <= 0 || threshold >= 1) {
      throw new IllegalArgumentException("threshold must be between 0 and 1");
    }
    this.threshold = threshold;
  }

  /** A group of questions of the same meaning; {@code example} is its most typical one. */
  public record Group(String example, List<String> questions) {
    public Group {
      Objects.requireNonNull(example, "example");
      questions = List.copyOf(questions);
    }

    public int size() {
      return questions.size();
    }
  }

  public List<Group> group(List<String> questions) {
    // one cluster per distinct wording, embedded once
    Map<String, Integer> index = new LinkedHashMap<>();
    List<float[]> vectors = new ArrayList<>();
    List<List<String>> members = new ArrayList<>();
    for (String q : questions) {
      String key = normal(q);
      Integer at = index.get(key);
      if (at == null) {
        at = vectors.size();
        index.put(key, at);
        vectors.add(unit(embeddings.embed(key.isBlank() ? q : key).content().vector()));
        members.add(new ArrayList<>());
      }
      members.get(at).add(q);
    }
    int n = vectors.size();
    // average linkage: merge the two clusters whose members are most alike on average, while that
    // average reaches the threshold (similarities between clusters kept by Lance-Williams)
    double[][] sim = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        sim[i][j] = sim[j][i] = dot(vectors.get(i), vectors.get(j));
      }
    }
    int[] size = new int[n];
    boolean[] alive = new boolean[n];
    List<List<Integer>> clusters = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      size[i] = members.get(i).size();
      alive[i] = true;
      clusters.add(new ArrayList<>(List.of(i)));
    }
    while (true) {
      int a = -1;
      int b = -1;
      double best = threshold;
      for (int i = 0; i < n; i++) {
        if (!alive[i]) {
          continue;
        }
        for (int j = i + 1; j < n; j++) {
          if (alive[j] && sim[i][j] >= best) {
            best = sim[i][j];
            a = i;
            b = j;
          }
        }
      }
      if (a < 0) {
        break;
      }
      for (int k = 0; k < n; k++) {
        if (alive[k] && k != a && k != b) {
          sim[a][k] = sim[k][a] = (sim[a][k] * size[a] + sim[b][k] * size[b]) / (size[a] + size[b]);
        }
      }
      size[a] += size[b];
      alive[b] = false;
      clusters.get(a).addAll(clusters.get(b));
    }
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (alive[i]) {
        groups.add(toGroup(clusters.get(i), vectors, members));
      }
    }
    groups.sort((x, y) -> Integer.compare(y.size(), x.size()));
    return groups;
  }

  /** The group's questions in the order given; its example is the wording nearest its mean. */
  private static Group toGroup(List<Integer> cluster, List<float[]> vectors, List<List<String>> members) {
    cluster.sort(Integer::compare);
    float[] sum = new float[vectors.get(cluster.get(0)).length];
    List<String> questions = new ArrayList<>();
    for (int i : cluster) {
      float[] v = vectors.get(i);
      for (int d = 0; d < v.length; d++) {
        sum[d] += v[d] * members.get(i).size();
      }
      questions.addAll(members.get(i));
    }
    float[] mean = unit(sum);
    int best = cluster.get(0);
    for (int i : cluster) {
      if (dot(vectors.get(i), mean) > dot(vectors.get(best), mean)) {
        best = i;
      }
    }
    return new Group(members.get(best).get(0), questions);
  }

  static String normal(String question) {
    return question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  private static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
    }
    return out;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
