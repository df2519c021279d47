package io.agw.gateway.llm.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code agw.guardrails.endpoints}: kinds match however the property source spells them. */
class GuardEndpointsTest {

  private static final URI PUBLIC = URI.create("https://bedrock-runtime.us-east-1.amazonaws.com");
  private static final URI LOCAL = URI.create("http://127.0.0.1:9999");

  @Test
  void aKindWithNoEntryKeepsItsPublicEndpoint() {
    assertThat(GuardEndpoints.NONE.base("bedrock-guardrails", PUBLIC)).isEqualTo(PUBLIC);
    assertThat(new GuardEndpoints(null).base("bedrock-guardrails", PUBLIC)).isEqualTo(PUBLIC);
    assertThat(
            new GuardEndpoints(Map.of("google-model-armor", LOCAL))
                .base("bedrock-guardrails", PUBLIC))
        .isEqualTo(PUBLIC);
  }

  @Test
  void theEnvironmentVariableSpellingSetsTheDashedKind() {
    // AGW_GUARDRAILS_ENDPOINTS_BEDROCKGUARDRAILS binds as the key "bedrockguardrails".
    assertThat(
            new GuardEndpoints(Map.of("bedrockguardrails", LOCAL))
                .base("bedrock-guardrails", PUBLIC))
        .isEqualTo(LOCAL);
    assertThat(
            new GuardEndpoints(Map.of("Bedrock_Guardrails", LOCAL))
                .base("bedrock-guardrails", PUBLIC))
        .isEqualTo(LOCAL);
  }

  @Test
  void anEndpointIsGivenWithoutItsTrailingSlash() {
    assertThat(
            new GuardEndpoints(Map.of("openai-moderation", URI.create("http://127.0.0.1:9999/")))
                .endpoint("openai-moderation", "https://api.openai.com"))
        .isEqualTo("http://127.0.0.1:9999");
    assertThat(GuardEndpoints.NONE.endpoint("openai-moderation", "https://api.openai.com"))
        .isEqualTo("https://api.openai.com");
  }
}
