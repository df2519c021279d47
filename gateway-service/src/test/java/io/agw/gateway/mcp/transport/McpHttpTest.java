package io.agw.gateway.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class McpHttpTest {

  private static boolean prefersStream(String accept) {
    return McpHttp.prefersEventStream(
        MockServerWebExchange.from(MockServerHttpRequest.post("/mcp").header("Accept", accept)));
  }

  @Test
  void aStreamIsPreferredWhenRankedAboveJsonByQualityOrOrder() {
    assertThat(prefersStream("text/event-stream, application/json")).isTrue();
    assertThat(prefersStream("application/json;q=0.5, text/event-stream")).isTrue();
    assertThat(prefersStream("text/event-stream")).isTrue();

    assertThat(prefersStream("application/json, text/event-stream")).isFalse();
    assertThat(prefersStream("text/event-stream;q=0.5, application/json")).isFalse();
    assertThat(prefersStream("application/json")).isFalse();
    assertThat(prefersStream("*/*")).isFalse();
    assertThat(prefersStream("text/event-stream;q=0")).isFalse();
  }
}
