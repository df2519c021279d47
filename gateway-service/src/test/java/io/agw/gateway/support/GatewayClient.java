package io.agw.gateway.support;

import io.agw.gateway.llm.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A client of a gateway listening on a loopback port, as the LLM integration tests use it: posts a
 * JSON body (with optional extra headers) and returns the whole exchange, whatever its status;
 * {@link #text} and {@link #json} read the answer's body.
 */
public final class GatewayClient {

  private final WebTestClient client;

  private GatewayClient(WebTestClient client) {
    this.client = client;
  }

  /** A client of {@code http://127.0.0.1:<port>} that waits up to {@code timeout} per answer. */
  public static GatewayClient on(int port, Duration timeout) {
    return new GatewayClient(
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + port)
            .responseTimeout(timeout)
            .build());
  }

  /**
   * Posts {@code body} as {@code application/json} to {@code uri}, with {@code headers} given as
   * name, value, name, value...
   */
  public EntityExchangeResult<byte[]> post(String uri, String body, String... headers) {
    return client
        .post()
        .uri(uri)
        .contentType(MediaType.APPLICATION_JSON)
        .headers(
            h -> {
              for (int i = 0; i < headers.length; i += 2) {
                h.add(headers[i], headers[i + 1]);
              }
            })
        .bodyValue(body)
        .exchange()
        .expectBody()
        .returnResult();
  }

  /** The answer's body as UTF-8 text. */
  public static String text(EntityExchangeResult<byte[]> result) {
    return new String(result.getResponseBody(), StandardCharsets.UTF_8);
  }

  /** The answer's body as JSON. */
  public static JsonNode json(EntityExchangeResult<byte[]> result) {
    return WireJson.tree(text(result));
  }
}
