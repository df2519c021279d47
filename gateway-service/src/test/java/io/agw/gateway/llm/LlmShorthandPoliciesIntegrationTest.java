package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway fields of {@code llm.policies} (agentgateway's {@code LocalLLMPolicy}) on the {@code
 * llm} shorthand's own port, against an OpenAI simulator: {@code apiKey} refuses a client without a
 * key, {@code authorization} reads the key's metadata, {@code transformations} adds a request
 * header the provider sees, and {@code localRateLimit} refuses the request past its bucket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LlmShorthandPoliciesIntegrationTest {

  static final ProviderSimulator OPENAI = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  static final int LLM_PORT = FreePorts.next();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    GatewayConfigFile.register(
        registry,
        """
        llm:
          port: %d
          policies:
            apiKey:
              mode: strict
              keys:
                - key: sk-team-blue
                  metadata: {team: blue}
                - key: sk-team-red
                  metadata: {team: red}
            authorization:
              rules:
                - allow: 'apiKey.metadata.team == "blue"'
            transformations:
              request:
                set: {x-team: 'apiKey.metadata.team'}
            localRateLimit:
              - maxTokens: 3
                tokensPerFill: 1
                fillInterval: 1h
                type: requests
          models:
            - name: gpt-4o-mini
              provider: openAI
              params:
                apiKey: sk-provider
                hostOverride: %s
        """
            .formatted(LLM_PORT, OPENAI.hostPort()));
  }

  @AfterAll
  static void stop() {
    OPENAI.close();
  }

  private final WebTestClient client =
      WebTestClient.bindToServer()
          .baseUrl("http://127.0.0.1:" + LLM_PORT)
          .responseTimeout(Duration.ofSeconds(20))
          .build();

  @BeforeEach
  void clear() {
    OPENAI.clear();
  }

  private int chat(String key) {
    return client
        .post()
        .uri("/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .headers(
            h -> {
              if (key != null) {
                h.setBearerAuth(key);
              }
            })
        .bodyValue(
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .exchange()
        .returnResult(byte[].class)
        .getStatus()
        .value();
  }

  @Test
  void theShorthandsRouteRunsThePolicies() {
    assertThat(chat(null)).isEqualTo(401);
    assertThat(chat("sk-team-red")).isEqualTo(403);
    assertThat(OPENAI.received()).isEmpty();

    assertThat(chat("sk-team-blue")).isEqualTo(200);
    assertThat(OPENAI.last().headers())
        .containsEntry("x-team", "blue")
        .containsEntry("authorization", "Bearer sk-provider");

    // Three requests passed the rate limit's bucket of three (401 and 403 answers are decided
    // before it, or not: either way the bucket is empty after at most three more).
    int status = 200;
    for (int i = 0; i < 4 && status == 200; i++) {
      status = chat("sk-team-blue");
    }
    assertThat(status).isEqualTo(429);
  }
}
