package io.agw.gateway.llm.golden;

import static org.junit.jupiter.api.Assertions.fail;

import io.agw.gateway.llm.wire.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/**
 * Finds golden cases under the test resources {@code llm/} (the reference corpus) and {@code
 * llm/own/} (cases this project added), and asserts JSON equality with a readable diff. The
 * reference files are only read, never rewritten.
 */
final class GoldenFiles {

  /** Roots searched for cases, relative to the {@code llm} resource folder. */
  static final List<String> ROOTS = List.of("", "own/");

  private GoldenFiles() {}

  static Path llmRoot() {
    try {
      return Path.of(GoldenFiles.class.getClassLoader().getResource("llm").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A golden case: the input file, the expected output file and its path for display. */
  record Case(String name, Path input, Path expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Every {@code <case><suffix>} file in {@code folder} (under each root) paired with its input
   * {@code <case><inputSuffix>}.
   */
  static Stream<Case> cases(String folder, String suffix, String inputSuffix) {
    List<Case> out = new ArrayList<>();
    Path llm = llmRoot();
    for (String root : ROOTS) {
      Path dir = llm.resolve(root + folder);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        files
            .filter(p -> p.getFileName().toString().endsWith(suffix))
            .sorted()
            .forEach(
                expected -> {
                  String file = expected.getFileName().toString();
                  String base = file.substring(0, file.length() - suffix.length());
                  Path input = dir.resolve(base + inputSuffix);
                  out.add(new Case(root + folder + "/" + file, input, expected));
                });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out.stream();
  }

  static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode readTree(Path path) {
    return WireJson.tree(read(path));
  }

  /** Fails with every difference and both documents when {@code actual} differs. */
  static void assertJsonMatches(String what, JsonNode expected, JsonNode actual) {
    List<String> diffs = JsonComparison.differences(expected, actual);
    if (!diffs.isEmpty()) {
      fail(
          what
              + " differs from the expected output:\n  "
              + String.join("\n  ", diffs)
              + "\n--- expected\n"
              + pretty(expected)
              + "\n--- actual\n"
              + pretty(actual));
    }
  }

  static String pretty(JsonNode node) {
    return WireJson.mapper()
        .writer()
        .with(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(node);
  }

  /** Fails unless every deviation listed still names an existing reference case. */
  static void assertDeviationsExist(Map<String, String> deviations) {
    for (String path : deviations.keySet()) {
      if (!Files.exists(llmRoot().resolve(path))) {
        fail("deviation listed for a case that no longer exists: " + path);
      }
    }
  }
}
