package io.agw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.GatewayClient;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The answers the gateway of {@link LayoutFixture} gives, whichever layout it was written in: each
 * subclass starts it from one of the two files and runs the same requests.
 */
abstract class LayoutTraffic {

  abstract LayoutFixture fixture();

  private WebTestClient client(int port) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(20))
        .build();
  }

  @BeforeEach
  void clearPeers() {
    fixture().echo.reset();
    fixture().openAi.clear();
  }

  @Test
  void theAttachedRouteCarriesItsOwnAndItsTargetedPolicies() {
    client(fixture().webPort)
        .get()
        .uri("/api/hello")
        .header("x-team", "platform")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(fixture().echo.received()).hasSize(1);
    assertThat(fixture().echo.received().get(0).uri()).isEqualTo("/api/hello");
    assertThat(fixture().echo.received().get(0).headers()).containsEntry("x-layout", "same");

    client(fixture().webPort)
        .get()
        .uri("/api/hello")
        .header("x-team", "other")
        .exchange()
        .expectStatus()
        .isForbidden();
    assertThat(fixture().echo.received()).hasSize(1);
  }

  @Test
  void theGatewayPolicyAndTheSecondRouteServeTheListener() {
    client(fixture().webPort)
        .options()
        .uri("/api/hello")
        .header("Origin", "https://app.example.com")
        .header("Access-Control-Request-Method", "POST")
        .exchange()
        .expectHeader()
        .valueEquals("Access-Control-Allow-Origin", "https://app.example.com");

    client(fixture().webPort)
        .get()
        .uri("/status/418")
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.I_AM_A_TEAPOT);
    client(fixture().webPort).get().uri("/elsewhere").exchange().expectStatus().isNotFound();
  }

  @Test
  void theModelReachesTheReferencedProviderWithItsParams() {
    var answer =
        GatewayClient.on(fixture().llmPort, Duration.ofSeconds(20))
            .post(
                "/v1/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(answer.getStatus().value()).isEqualTo(200);
    assertThat(fixture().openAi.received()).hasSize(1);
    assertThat(fixture().openAi.last().headers().get("authorization"))
        .isEqualTo("Bearer sk-layout-test");
    assertThat(fixture().openAi.last().json().path("model").asString()).isEqualTo("gpt-4o-mini");
  }

  @Test
  void theMcpShorthandServesSlashMcpOnItsGatewayOnly() {
    client(fixture().mcpPort).get().uri("/other").exchange().expectStatus().isNotFound();
    var answer =
        GatewayClient.on(fixture().mcpPort, Duration.ofSeconds(20))
            .post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                    + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
                "Accept",
                "application/json, text/event-stream");
    // The gateway's MCP endpoint answers (its one target is unreachable): not a missing route.
    assertThat(answer.getStatus().value()).isNotEqualTo(404);
  }
}
