package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per file under {@code config/invalid/}: the file's leading {@code # error: } lines are
 * the errors the loader must report, in order, as {@code path: message}.
 */
class InvalidConfigTest {

  private static final String EXPECTED = "# error: ";

  static Stream<Path> cases() throws IOException, URISyntaxException {
    Path dir = Path.of(InvalidConfigTest.class.getResource("/config/invalid").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusesWithPathAndMessage(Path file) throws IOException {
    String yaml = Files.readString(file);
    List<String> expected =
        yaml.lines()
            .filter(l -> l.startsWith(EXPECTED))
            .map(l -> l.substring(EXPECTED.length()))
            .toList();
    assertThat(expected).as("expected errors in %s", file).isNotEmpty();

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(yaml, Path.of("/cfg")));

    assertThat(e).as("%s must be refused", file.getFileName()).isNotNull();
    assertThat(e.errors()).extracting(ConfigError::toString).containsExactlyElementsOf(expected);
    assertThat(e.getMessage()).isEqualTo(String.join("\n", expected));
  }
}
