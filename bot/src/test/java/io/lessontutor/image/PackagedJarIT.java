package io.lessontutor.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar {@code package} wrote (named by {@value #JAR_PROPERTY}) carries natives only for
 * the platforms ONNX Runtime ships for, and no debug symbols. Runs with ImageIT in
 * {@code mvn -Pimage verify}, since the jar exists only after {@code package}.
 */
class PackagedJarIT {

  static final String JAR_PROPERTY = "tutor.jar";
  /** Linux x64 and aarch64, macOS x64 and aarch64, Windows x64, in each library's own spelling. */
  static final List<String> PLATFORMS = List.of("linux-x64", "linux-x86_64", "linux-x86-64", "Linux/x86_64",
      "linux-aarch64", "Linux/aarch64", "osx-x64", "darwin-x86-64", "Mac/x86_64", "osx-aarch64", "darwin-aarch64",
      "Mac/aarch64", "win-x64", "win-x86_64", "win32-x86-64", "Windows/x86_64");

  @Test
  void the_jar_holds_natives_only_for_the_platforms_the_embedding_model_runs_on_and_no_debug_symbols() throws IOException {
    Path jar = Path.of(System.getProperty(JAR_PROPERTY, "target/lesson-tutor.jar"));
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<String> natives = zip.stream().map(ZipEntry::getName)
          .filter(n -> n.matches(".*\\.(so|dll|dylib|jnilib)$")).toList();
      assertThat(natives).allSatisfy(n -> assertThat(PLATFORMS).anySatisfy(p -> assertThat(n).contains("/" + p + "/")));
      assertThat(natives).contains("ai/onnxruntime/native/linux-x64/libonnxruntime.so",
          "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so", "native/lib/linux-x86_64/cpu/libtokenizers.so");
      assertThat(zip.stream().map(ZipEntry::getName)).noneMatch(n -> n.endsWith(".pdb") || n.contains(".dSYM/"));
    }
    // 180 MB before the natives were trimmed, 106 MB after
    assertThat(Files.size(jar)).isLessThan(120_000_000L);
  }
}
