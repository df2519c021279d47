package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * agentgateway's {@code config.database}, {@code config.logging.database} and {@code
 * frontendPolicies.accessLog.database.llm} reach the gateway's settings.
 */
class DatabaseSettingsLoaderTest {

  @Test
  void theDatabasesAndTheLlmModeAreRead() throws Exception {
    String yaml =
        """
        config:
          database:
            url: postgres://agw:secret@127.0.0.1:5432/agw
            maxConnections: 8
          logging:
            database:
              url: /var/lib/agw/log.db
        frontendPolicies:
          accessLog:
            database:
              llm: full
        """;
    GatewaySettings settings = ConfigLoader.load(yaml, Path.of("/")).settings();

    assertThat(settings.database())
        .isEqualTo(new GatewaySettings.Database("postgres://agw:secret@127.0.0.1:5432/agw", 8));
    assertThat(settings.logDatabase())
        .isEqualTo(new GatewaySettings.Database("/var/lib/agw/log.db", null));
    assertThat(settings.usageDatabase()).isEqualTo(settings.logDatabase());
    assertThat(settings.llmLogging()).isEqualTo(GatewaySettings.DatabaseLlmMode.FULL);
  }

  @Test
  void withoutALogStoreRecordsGoToThePrimaryDatabaseWithMetadataOnly() throws Exception {
    GatewaySettings settings =
        ConfigLoader.load("config:\n  database:\n    url: data/usage.db\n", Path.of("/"))
            .settings();

    assertThat(settings.usageDatabase())
        .isEqualTo(new GatewaySettings.Database("data/usage.db", null));
    assertThat(settings.llmLogging()).isEqualTo(GatewaySettings.DatabaseLlmMode.METADATA);
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    String yaml =
        """
        config:
          database:
            maxConnections: 0
        frontendPolicies:
          accessLog:
            database:
              llm: everything
        """;
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(yaml, Path.of("/")));

    assertThat(e.errors())
        .extracting(ConfigError::path)
        .containsExactlyInAnyOrder(
            "config.database.url",
            "config.database.maxConnections",
            "frontendPolicies.accessLog.database.llm");
  }

  @Test
  void otherFrontendPoliciesAreStillReportedAsNotSupported() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> ConfigLoader.load("frontendPolicies:\n  proxyProtocol: {}\n", Path.of("/")));

    assertThat(e.errors())
        .singleElement()
        .extracting(ConfigError::path)
        .asString()
        .contains("proxyProtocol");
    assertThat(e.errors().get(0).message()).contains("does not support yet");
  }
}
