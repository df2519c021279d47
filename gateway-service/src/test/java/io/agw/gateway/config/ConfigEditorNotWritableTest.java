package io.agw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.GatewayProperties;
import io.agw.gateway.state.ResourceStore;
import org.junit.jupiter.api.Test;

/**
 * The built-in configuration (no file) is never written: a write is refused with what to do, before
 * anything is validated or applied.
 */
class ConfigEditorNotWritableTest {

  @Test
  void theBuiltInConfigurationRefusesWritesSayingWhatToDo() {
    ResourceStore store = new ResourceStore(null);
    ConfigFileSource builtIn =
        new ConfigFileSource(new GatewayProperties.Config(null, null, null, null, null), store);
    ConfigEditor editor = new ConfigEditor(builtIn, store, () -> null);

    assertThat(editor.source()).isEqualTo("builtin");
    assertThat(editor.writable()).isFalse();
    assertThatThrownBy(() -> editor.put("binds: []"))
        .isInstanceOf(ConfigEditor.NotWritableException.class)
        .hasMessageContaining("built-in")
        .hasMessageContaining("--config");
    assertThatThrownBy(editor::deleteOverlay).isInstanceOf(ConfigEditor.NotWritableException.class);
  }
}
