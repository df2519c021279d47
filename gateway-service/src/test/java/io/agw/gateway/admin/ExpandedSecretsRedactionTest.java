package io.agw.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agw.model.config.ConfigEnvironment;
import io.agw.model.config.ConfigException;
import io.agw.model.config.ConfigLoader;
import io.agw.model.config.LoadedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets that reach a file through its {@code $NAME} variables are values like any other once the
 * file is expanded: the configuration dump still redacts them by field, and a refused file's
 * messages name the variable instead of showing its value.
 */
class ExpandedSecretsRedactionTest {

  @TempDir Path dir;

  private static final Map<String, String> VARIABLES =
      Map.of(
          "UPSTREAM_KEY", "sk-upstream-from-env",
          "CLIENT_KEY", "sk-client-from-env",
          "HEADER_TOKEN", "hdr-token-from-env",
          "PORT", "18321");

  @Test
  void theDumpRedactsSecretsFilledFromVariables() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("config.yaml"),
            """
            binds:
              - port: $PORT
                listeners:
                  - name: main
                    routes:
                      - name: chat
                        policies:
                          apiKey: {mode: strict, keys: [{key: "${CLIENT_KEY}"}]}
                          requestHeaderModifier: {set: {Authorization: "Bearer $HEADER_TOKEN"}}
                        backends:
                          - ai:
                              name: up
                              provider: {openAI: {}}
                              policies: {backendAuth: {key: $UPSTREAM_KEY}}
            """);

    LoadedConfig loaded = ConfigLoader.load(file, ConfigEnvironment.of(VARIABLES));

    assertThat(loaded.resources()).anySatisfy(r -> assertThat(r.getKey()).isEqualTo("bind/18321"));
    String dump =
        loaded.resources().stream()
            .map(r -> ConfigDumpEndpoint.toJson(r).toString())
            .toList()
            .toString();
    assertThat(dump)
        .contains("<redacted>")
        .doesNotContain("sk-upstream-from-env", "sk-client-from-env", "hdr-token-from-env");
  }

  @Test
  void aRefusedFilesMessagesNameTheVariableNotItsValue() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("config.yaml"),
            """
            binds:
              - port: 18322
                listeners:
                  - routes:
                      - policies:
                          timeout: {requestTimeout: "$HEADER_TOKEN"}
                        backends: [{host: "127.0.0.1:1"}]
            """);

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(file, ConfigEnvironment.of(VARIABLES)));

    assertThat(e.getMessage()).contains("${HEADER_TOKEN}").doesNotContain("hdr-token-from-env");
  }
}
