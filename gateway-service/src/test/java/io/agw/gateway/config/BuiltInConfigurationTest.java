package io.agw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.config.ConfigLoader;
import io.agw.model.config.LoadedConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The built-in configuration loads, and its admin-port upstreams and UI origins follow the admin
 * port the gateway listens on.
 */
class BuiltInConfigurationTest {

  @Test
  void loadsAsWritten() throws Exception {
    String yaml = BuiltInConfiguration.yaml(15000);
    LoadedConfig loaded = ConfigLoader.load(yaml, Path.of("."));
    assertThat(loaded.resources()).isNotEmpty();
    assertThat(yaml)
        .contains("name: demo-llm", "name: demo-mcp", "host: http://localhost:15000/demo/mcp")
        .contains("http://localhost:15000/ui");
  }

  @Test
  void followsAnotherAdminPort() throws Exception {
    String yaml = BuiltInConfiguration.yaml(17123);
    ConfigLoader.load(yaml, Path.of("."));
    assertThat(yaml)
        .doesNotContain(":15000")
        .contains("hostOverride: localhost:17123")
        .contains("host: http://localhost:17123/demo/mcp")
        .contains("\"http://localhost:17123\", \"http://127.0.0.1:17123\"")
        .contains("http://localhost:17123/ui");
  }

  @Test
  void anUnknownPortLeavesTheFileAsWritten() {
    assertThat(BuiltInConfiguration.yaml(0)).isEqualTo(BuiltInConfiguration.yaml(15000));
  }
}
