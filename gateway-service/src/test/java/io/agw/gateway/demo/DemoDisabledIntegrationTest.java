package io.agw.gateway.demo;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With a configuration file of its own (--config), the gateway serves no demo stand-ins. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class DemoDisabledIntegrationTest {

  @DynamicPropertySource
  static void gateway(DynamicPropertyRegistry registry) throws Exception {
    GatewayConfigFile.register(
        registry,
        """
        binds:
        - port: %d
          listeners:
          - routes:
            - policies:
                directResponse: {status: 200, body: "mine\\n"}
        """
            .formatted(FreePorts.next()));
  }

  @Autowired WebTestClient admin;

  @Test
  void theDemoPathsDoNotExist() {
    admin.get().uri("/demo/llm/v1/models").exchange().expectStatus().isNotFound();
    admin
        .post()
        .uri("/demo/llm/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"model\":\"agw-demo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .exchange()
        .expectStatus()
        .isNotFound();
    admin
        .post()
        .uri("/demo/mcp")
        .contentType(MediaType.APPLICATION_JSON)
        .header("Accept", "application/json, text/event-stream")
        .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
        .exchange()
        .expectStatus()
        .isNotFound();
  }
}
