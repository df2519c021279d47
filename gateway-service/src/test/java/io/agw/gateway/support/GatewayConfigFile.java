package io.agw.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The gateway configuration file of a {@code @SpringBootTest}: reads a YAML template from test
 * resources (filling its {@code ${NAME}} placeholders, or pointing an agentgateway example at the
 * test's port and simulator), writes it to a temporary file and registers that file as {@code
 * agw.config.file}, with the gateway bound to loopback ({@code agw.bind-address}).
 */
public final class GatewayConfigFile {

  private GatewayConfigFile() {}

  /** The text of the test resource {@code name} (an absolute classpath name). */
  public static String resource(String name) {
    try (InputStream in = GatewayConfigFile.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test resource {@code name} with each {@code ${KEY}} of {@code values} replaced. */
  public static String resource(String name, Map<String, String> values) {
    String text = resource(name);
    for (Map.Entry<String, String> value : values.entrySet()) {
      text = text.replace("${" + value.getKey() + "}", value.getValue());
    }
    return text;
  }

  /**
   * An agentgateway example ({@code binds: - port: 3000} and an {@code ai} backend named {@code
   * openai}) moved to {@code port} with the {@code openai} backend sent to {@code openAiHostPort}.
   */
  public static String pointExampleAt(String example, int port, String openAiHostPort) {
    return example
        .replace("- port: 3000\n", "- port: " + port + "\n")
        .replace(
            "          name: openai\n",
            "          name: openai\n          hostOverride: " + openAiHostPort + "\n");
  }

  /**
   * A configuration of one listener on {@code port} whose only route answers {@code hello}: for
   * tests of the admin side, which need a gateway but no particular traffic.
   */
  public static String helloRoute(int port) {
    return """
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: hello
                    matches: [{path: {pathPrefix: /}}]
                    policies:
                      directResponse: {body: hello, status: 200}
        """
        .formatted(port);
  }

  /**
   * Writes {@code yaml} to {@code config.yaml} in a new temporary directory and registers it as the
   * gateway's configuration, bound to 127.0.0.1.
   */
  public static Path register(DynamicPropertyRegistry registry, String yaml) throws IOException {
    return register(registry, Files.createTempDirectory("agw-config").resolve("config.yaml"), yaml);
  }

  /** Writes {@code yaml} to {@code file} and registers it as the gateway's configuration. */
  public static Path register(DynamicPropertyRegistry registry, Path file, String yaml)
      throws IOException {
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
    return file;
  }
}
