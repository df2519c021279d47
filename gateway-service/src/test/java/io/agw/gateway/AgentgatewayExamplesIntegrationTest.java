package io.agw.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery run: prints what --validate-only says of every example. */
class AgentgatewayExamplesIntegrationTest {

  private static ValidateOnly validation;
  private static Path examples;

  @BeforeAll
  static void open() throws URISyntaxException {
    examples =
        Path.of(
            AgentgatewayExamplesIntegrationTest.class
                .getResource("/agentgateway-examples")
                .toURI());
    validation = ValidateOnly.open(CommandLine.normalize(new String[0]));
  }

  @AfterAll
  static void close() {
    validation.close();
  }

  @Test
  void discover() throws IOException {
    Map<String, List<String>> results = new TreeMap<>();
    try (Stream<Path> files = Files.walk(examples)) {
      files
          .filter(f -> f.toString().endsWith(".yaml"))
          .forEach(f -> results.put(examples.relativize(f).toString(), validation.validate(f)));
    }
    results.forEach(
        (file, problems) -> {
          System.out.println("FILE " + file + " " + problems.size());
          problems.forEach(p -> System.out.println("  P " + p));
        });
    assertThat(results).hasSize(44);
  }
}
