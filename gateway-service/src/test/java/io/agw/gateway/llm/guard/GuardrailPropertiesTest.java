package io.agw.gateway.llm.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code agw.guardrails.endpoints}: overrides by kind, written as a property or an env variable.
 */
class GuardrailPropertiesTest {

  @Test
  void anOverrideReplacesTheDefaultWithoutItsTrailingSlash() {
    var properties = new GuardrailProperties(Map.of("openai-moderation", "http://127.0.0.1:9999/"));
    assertThat(properties.endpoint("openai-moderation", "https://api.openai.com"))
        .isEqualTo("http://127.0.0.1:9999");
  }

  @Test
  void theEnvironmentVariableFormMatchesToo() {
    // AGW_GUARDRAILS_ENDPOINTS_OPENAIMODERATION binds the key "openaimoderation".
    var properties = new GuardrailProperties(Map.of("openaimoderation", "http://10.0.0.5:8080"));
    assertThat(properties.endpoint("openai-moderation", "https://api.openai.com"))
        .isEqualTo("http://10.0.0.5:8080");
  }

  @Test
  void withoutAnOverrideTheDefaultIsUsed() {
    assertThat(
            new GuardrailProperties(null).endpoint("openai-moderation", "https://api.openai.com"))
        .isEqualTo("https://api.openai.com");
    assertThat(
            new GuardrailProperties(Map.of("bedrock", "http://x"))
                .endpoint("openai-moderation", "https://api.openai.com"))
        .isEqualTo("https://api.openai.com");
  }
}
