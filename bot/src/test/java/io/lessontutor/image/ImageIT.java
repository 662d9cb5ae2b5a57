package io.lessontutor.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.SignedSlackRequests;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackTestTutor;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image {@code mvn -Pimage verify} built (bot/target/lesson-tutor-image.tar, named
 * by the system property {@value #TARBALL_PROPERTY}), read as a container runtime reads it: the
 * manifest, the config, and each layer. Then its layers are unpacked in order into one directory
 * and the entrypoint runs there as the image's user, in a fresh mount and PID namespace with the
 * directory as root ({@code unshare} + {@code chroot}, which need root; without it those tests are
 * skipped, and say so). Not part of {@code mvn test}: the image exists only after {@code package}.
 */
class ImageIT {

  static final String TARBALL_PROPERTY = "tutor.image.tar";
  static final String COMPOSE_PROPERTY = "tutor.compose.file";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

  private static Path unpacked;
  private static Path rootfs;
  private static JsonNode manifest;
  private static JsonNode config;
  /** Each layer's entries, in the manifest's order (the base first). */
  private static final List<Set<String>> layers = new ArrayList<>();

  @BeforeAll
  static void unpack() throws Exception {
    String tarball = System.getProperty(TARBALL_PROPERTY);
    if (tarball == null || !Files.isRegularFile(Path.of(tarball))) {
      fail("no image tarball at " + tarball + ": build it with mvn -Pimage package (ImageIT runs in mvn -Pimage verify)");
    }
    unpacked = Files.createTempDirectory("lesson-tutor-image");
    rootfs = Files.createDirectory(unpacked.resolve("rootfs"));
    tar("-xf", tarball, "-C", unpacked.toString());
    manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile());
    config = JSON.readTree(unpacked.resolve(manifest.get(0).get("Config").asText()).toFile());
    for (JsonNode layer : manifest.get(0).get("Layers")) {
      String file = unpacked.resolve(layer.asText()).toString();
      layers.add(new TreeSet<>(tar("-tzf", file).lines().map(ImageIT::normal).toList()));
      tar("-xzf", file, "-C", rootfs.toString());
    }
  }

  @AfterAll
  static void cleanUp() throws IOException {
    if (unpacked != null) {
      try (var paths = Files.walk(unpacked)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void runs_the_tutor_on_slack_as_a_user_that_is_not_root() {
    JsonNode image = config.get("config");
    List<String> entrypoint = strings(image.get("Entrypoint"));
    assertThat(entrypoint).startsWith("java").endsWith("io.lessontutor.Main")
        .contains("-cp", "@/app/jib-classpath-file", "-Xmx256m");
    assertThat(strings(image.get("Cmd"))).containsExactly("run");
    String user = image.get("User").asText();
    assertThat(user).isEqualTo("10001:0");
    assertThat(user.split(":")[0]).isNotIn("0", "root", "");
    assertThat(Files.exists(rootfs.resolve("bin/sh"))).as("a shell in the image").isFalse();
  }

  @Test
  void exposes_the_http_and_metrics_ports_and_declares_the_data_volume() throws IOException {
    JsonNode image = config.get("config");
    assertThat(fieldNames(image.get("ExposedPorts"))).containsExactlyInAnyOrder("3000/tcp", "9090/tcp");
    assertThat(fieldNames(image.get("Volumes"))).containsExactly("/data");
    assertThat(strings(image.get("Env"))).contains("TUTOR_KNOWLEDGE_DIR=/knowledge", "TUTOR_DATA_DIR=/data",
        "TUTOR_METRICS_PORT=9090", "LANG=C.UTF-8").anySatisfy(e -> assertThat(e).startsWith("PATH=/opt/java/bin:"));
    // the volume's directory: group 0 (the user's group) may write, others may not
    assertThat(mode("data")).isEqualTo("770");
  }

  @Test
  void carries_the_oci_title_description_and_version_labels() {
    JsonNode labels = config.get("config").get("Labels");
    assertThat(labels.get("org.opencontainers.image.title").asText()).isEqualTo("Lesson Tutor");
    assertThat(labels.get("org.opencontainers.image.description").asText()).contains("Slack tutor");
    assertThat(labels.get("org.opencontainers.image.version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(manifest.get(0).get("RepoTags").get(0).asText())
        .isEqualTo("lesson-tutor:" + labels.get("org.opencontainers.image.version").asText());
    assertThat(config.get("architecture").asText()).isIn("amd64", "arm64");
    assertThat(config.get("os").asText()).isEqualTo("linux");
  }

  @Test
  void the_base_layer_is_a_jlinked_runtime_with_the_libraries_it_loads_and_the_users() throws IOException {
    Set<String> base = layers.get(0);
    assertThat(base).contains("opt/java/bin/java", "opt/java/lib/server/libjvm.so", "opt/java/lib/modules",
        "opt/java/lib/security/cacerts", "etc/passwd", "etc/group", "etc/nsswitch.conf", "tmp", "data");
    assertThat(base).anySatisfy(e -> assertThat(e).matches("lib64/ld-linux-.*\\.so\\.2|lib/ld-linux-.*\\.so\\.1"));
    assertThat(base).anySatisfy(e -> assertThat(e).endsWith("/libc.so.6"))
        .anySatisfy(e -> assertThat(e).endsWith("/libstdc++.so.6")) // ONNX Runtime and the tokenizer are C++
        .anySatisfy(e -> assertThat(e).endsWith("/libz.so.1"));
    // jlink kept only the modules the tutor needs; a full JDK has about 70
    String modules = Files.readString(rootfs.resolve("opt/java/release"));
    assertThat(modules).contains("jdk.crypto.ec").contains("java.sql").doesNotContain("jdk.compiler")
        .doesNotContain("java.rmi");
    assertThat(Files.readAllLines(rootfs.resolve("etc/passwd"))).contains("tutor:x:10001:0:Lesson Tutor:/tmp:/sbin/nologin");
    assertThat(mode("tmp")).isEqualTo("1777");
    assertThat(mode("opt/java/bin/java")).isEqualTo("755");
  }

  @Test
  void the_layers_above_hold_the_tutor_its_libraries_and_the_lesson() throws IOException {
    Set<String> app = new TreeSet<>();
    layers.subList(1, layers.size()).forEach(app::addAll);
    assertThat(app).contains("app/classes/io/lessontutor/Main.class", "app/resources/logback.xml",
        "app/jib-classpath-file", "knowledge/lessons");
    assertThat(app).anySatisfy(e -> assertThat(e).matches("app/libs/onnxruntime-[\\d.]+\\.jar"))
        .anySatisfy(e -> assertThat(e).matches("app/libs/bolt-[\\d.]+\\.jar"))
        .anySatisfy(e -> assertThat(e).matches("app/libs/lucene-core-[\\d.]+\\.jar"))
        .anySatisfy(e -> assertThat(e).matches("knowledge/lessons/.+\\.md"));
    // the tutor's files are not in the base, and the base's are not replaced by the tutor's
    assertThat(layers.get(0)).noneMatch(e -> e.startsWith("app/"));
    assertThat(app).noneMatch(e -> e.startsWith("opt/java/"));
    for (String entry : Files.readString(rootfs.resolve("app/jib-classpath-file")).strip().split(":")) {
      assertThat(rootfs.resolve(entry.substring(1))).as("on the classpath").exists();
    }
  }

  @Test
  void every_layer_matches_the_digests_the_manifest_and_the_config_name() throws Exception {
    JsonNode files = manifest.get(0).get("Layers");
    JsonNode diffIds = config.get("rootfs").get("diff_ids");
    assertThat(diffIds).hasSize(files.size());
    for (int i = 0; i < files.size(); i++) {
      Path layer = unpacked.resolve(files.get(i).asText());
      assertThat(files.get(i).asText()).startsWith(sha256(Files.newInputStream(layer)));
      assertThat(diffIds.get(i).asText()).isEqualTo("sha256:" + sha256(new GZIPInputStream(Files.newInputStream(layer))));
    }
  }

  @Test
  void prints_its_version_in_the_images_filesystem_as_the_images_user() throws Exception {
    Run run = runInImage(List.of("--version"), Map.of());
    assertThat(run.exitCode).as(run.output).isZero();
    assertThat(run.output).contains("Lesson Tutor " + config.get("config").get("Labels")
            .get("org.opencontainers.image.version").asText())
        .contains("Lessons loaded: 1 (22 passages) from /knowledge")
        .contains("657. When to Fine-Tune vs When to Just Prompt")
        .contains("Retrieval: hybrid");
  }

  @Test
  void answers_a_question_with_the_embedding_model_and_writes_its_index_to_the_data_volume() throws Exception {
    Run run = runInImage(List.of("ask", "should we fine-tune or just prompt?"), Map.of());
    assertThat(run.exitCode).as(run.output).isZero();
    // UTF-8 out (the locale is in the image), the lesson's source, and the hybrid index on /data
    assertThat(run.output).contains("Source: When to Fine-Tune vs When to Just Prompt: A Decision Framework ›");
    assertThat(rootfs.resolve("data/index/hybrid")).isDirectory();
    assertThat(Files.getOwner(rootfs.resolve("data/index")).getName()).isIn("10001", "tutor");
  }

  @Test
  void serves_slack_in_http_mode_and_its_health_check_passes_inside_the_image() throws Exception {
    assumeRoot();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (FakeSlackApi slack = new FakeSlackApi()) {
      Map<String, String> env = Map.of("SLACK_BOT_TOKEN", "xoxb-image-test", "SLACK_SIGNING_SECRET",
          SlackTestTutor.SIGNING_SECRET, "SLACK_API_URL", slack.url(), "PORT", String.valueOf(port),
          "TUTOR_LOG_FORMAT", "json");
      Started tutor = start(entrypointWith(List.of("run", "--http")), env);
      try {
        HttpClient http = HttpClient.newHttpClient();
        URI livez = URI.create("http://127.0.0.1:" + port + "/livez");
        Instant deadline = Instant.now().plus(RUN_TIMEOUT);
        while (true) {
          try {
            if (http.send(HttpRequest.newBuilder(livez).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
              break;
            }
          } catch (IOException notYet) {
            // the JVM is still starting
          }
          assertThat(tutor.process.isAlive()).as("the tutor in the image stopped: " + tutor.output()).isTrue();
          assertThat(Instant.now()).as("the tutor in the image did not start").isBefore(deadline);
          Thread.sleep(200);
        }
        // compose.yaml's health check for the tutor, run in the image as compose runs it
        Run health = run(composeHealthCheck(), env);
        assertThat(health.exitCode).as(health.output).isZero();
        assertThat(health.output).contains("ready");

        int status = new SignedSlackRequests(port).event(SlackPayloads.appMention("EvImage1", "C0IMAGE", "U0PERSON",
            "1700000000.000100", null, "<@" + FakeSlackApi.BOT_USER_ID + "> should we fine-tune or just prompt?"));
        assertThat(status).isEqualTo(200);
        FakeSlackApi.Call reply = slack.await("chat.postMessage", 1, Duration.ofSeconds(60)).get(0);
        assertThat(reply.param("channel")).isEqualTo("C0IMAGE");
        assertThat(reply.params().toString()).contains("Fine-Tune");
      } finally {
        stop(tutor);
      }
    }
  }

  record Run(int exitCode, String output) {}

  /** A process started in the image, and the file its output goes to. */
  record Started(Process process, Path log) {
    String output() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return "(no output: " + e + ")";
      }
    }
  }

  /** Runs the entrypoint with {@code args} in place of the image's Cmd, with the image's Env and user. */
  private static Run runInImage(List<String> args, Map<String, String> extraEnv) throws Exception {
    return run(entrypointWith(args), extraEnv);
  }

  /** Runs {@code command} in the image's filesystem, with the image's Env and user, to its end. */
  private static Run run(List<String> command, Map<String, String> extraEnv) throws Exception {
    assumeRoot();
    Started started = start(command, extraEnv);
    if (!started.process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      stop(started);
      fail("the image's entrypoint did not finish in " + RUN_TIMEOUT + ": " + started.output());
    }
    return new Run(started.process.exitValue(), started.output());
  }

  /**
   * Stops a process started in the image and everything under it. unshare ignores SIGTERM while it
   * waits, and its --kill-child does not reach the tutor: chroot --userspec changes credentials,
   * which clears the death signal, so killing unshare alone leaves the tutor running after the build.
   */
  private static void stop(Started started) throws InterruptedException {
    List<ProcessHandle> inside = started.process.descendants().toList();
    inside.forEach(ProcessHandle::destroyForcibly);
    started.process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    for (ProcessHandle process : inside) {
      process.onExit().completeOnTimeout(process, 20, TimeUnit.SECONDS).join();
    }
    assertThat(inside).as("processes left running from the image").noneMatch(ProcessHandle::isAlive);
  }

  private static List<String> entrypointWith(List<String> args) {
    List<String> command = new ArrayList<>(strings(config.get("config").get("Entrypoint")));
    command.addAll(args);
    return command;
  }

  /** The tutor's healthcheck in compose.yaml, without compose's "CMD". */
  private static List<String> composeHealthCheck() throws IOException {
    JsonNode compose = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
        .readTree(Path.of(System.getProperty(COMPOSE_PROPERTY, "../compose.yaml")).toFile());
    List<String> test = strings(compose.get("services").get("tutor").get("healthcheck").get("test"));
    assertThat(test).first().isEqualTo("CMD");
    return test.subList(1, test.size());
  }

  private static Started start(List<String> entrypointAndArgs, Map<String, String> extraEnv) throws IOException {
    JsonNode image = config.get("config");
    Files.createDirectories(rootfs.resolve("proc"));
    List<String> command = new ArrayList<>(List.of(tool("unshare"), "--mount", "--pid", "--fork", "--kill-child",
        "--mount-proc=" + rootfs.resolve("proc"), tool("chroot"), "--userspec=" + image.get("User").asText(),
        rootfs.toString()));
    command.addAll(entrypointAndArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Path log = unpacked.resolve("run-" + System.nanoTime() + ".log");
    builder.redirectOutput(log.toFile());
    builder.environment().clear();
    Map<String, String> env = new LinkedHashMap<>();
    for (String pair : strings(image.get("Env"))) {
      env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    env.putAll(extraEnv);
    builder.environment().putAll(env);
    return new Started(builder.start(), log);
  }

  private static void assumeRoot() {
    assumeThat(System.getProperty("user.name")).as("running the image's filesystem needs root (unshare, chroot)")
        .isEqualTo("root");
  }

  private static String tool(String name) {
    for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin")) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return dir + "/" + name;
      }
    }
    throw new AssertionError(name + " is not installed (util-linux, coreutils)");
  }

  private static String tar(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("tar", "--warning=no-unknown-keyword"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new AssertionError("tar " + String.join(" ", args) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return output;
  }

  /** A layer entry without its leading "./" or trailing "/". */
  private static String normal(String entry) {
    String e = entry.startsWith("./") ? entry.substring(2) : entry.startsWith("/") ? entry.substring(1) : entry;
    return e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
  }

  /** The file's mode in octal, with the sticky bit. */
  private static String mode(String path) throws IOException {
    return Integer.toOctalString((Integer) Files.getAttribute(rootfs.resolve(path), "unix:mode") & 07777);
  }

  private static String sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (in) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
