package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agw.model.config.GatewaySettings.StorageMode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** agentgateway's {@code config.storage.mode} reaches the gateway's settings, checked at load. */
class StorageSettingsLoaderTest {

  static GatewaySettings load(String yaml) throws ConfigException {
    return ConfigLoader.load(yaml, Path.of("/")).settings();
  }

  @Test
  void fileIsTheDefault() throws Exception {
    assertThat(load("").storage()).isEqualTo(StorageMode.FILE);
    assertThat(load("config:\n  storage: {}\n").storage()).isEqualTo(StorageMode.FILE);
    assertThat(load("config:\n  storage: {mode: file}\n").storage()).isEqualTo(StorageMode.FILE);
  }

  @Test
  void readOnlyAndHybridAreRead() throws Exception {
    assertThat(load("config:\n  storage: {mode: readOnly}\n").storage())
        .isEqualTo(StorageMode.READ_ONLY);
    assertThat(
            load("config:\n  database: {url: data/agw.db}\n  storage: {mode: hybrid}\n").storage())
        .isEqualTo(StorageMode.HYBRID);
  }

  @Test
  void hybridWithoutADatabaseIsRefusedAtItsPath() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> load("config:\n  storage: {mode: hybrid}\n"));

    assertThat(e.errors()).hasSize(1);
    assertThat(e.errors().get(0).path()).isEqualTo("config.storage.mode");
    assertThat(e.errors().get(0).message()).contains("config.database");
  }

  @Test
  void anUnknownModeOrFieldIsRefused() {
    ConfigException mode =
        catchThrowableOfType(
            ConfigException.class, () -> load("config:\n  storage: {mode: database}\n"));
    ConfigException field =
        catchThrowableOfType(
            ConfigException.class, () -> load("config:\n  storage: {kind: file}\n"));

    assertThat(mode.errors()).extracting(ConfigError::path).containsExactly("config.storage.mode");
    assertThat(field.errors()).isNotEmpty();
    assertThat(field.errors().get(0).path()).startsWith("config.storage");
  }
}
