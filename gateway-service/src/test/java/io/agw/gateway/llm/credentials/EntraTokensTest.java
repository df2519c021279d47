package io.agw.gateway.llm.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The scope of the Entra ID token follows agentgateway: Foundry hosts take Foundry's. */
class EntraTokensTest {

  @Test
  void cognitiveServicesHostsTakeTheCognitiveServicesScope() {
    assertThat(EntraTokens.scope("safety.cognitiveservices.azure.com"))
        .isEqualTo("https://cognitiveservices.azure.com/.default");
    assertThat(EntraTokens.scope("127.0.0.1"))
        .isEqualTo("https://cognitiveservices.azure.com/.default");
  }

  @Test
  void foundryHostsTakeTheAiScope() {
    assertThat(EntraTokens.scope("my-project.services.ai.azure.com"))
        .isEqualTo("https://ai.azure.com/.default");
  }
}
