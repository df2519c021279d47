package io.agw.gateway.llm.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.LlmCall;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ClientAddressHeadersFilterTest {

  private static HttpHeaders headers() {
    HttpHeaders h = new HttpHeaders();
    h.add("X-Forwarded-For", "203.0.113.7");
    h.add("X-Forwarded-Proto", "https");
    h.add("Forwarded", "for=203.0.113.7");
    h.add("X-Real-IP", "203.0.113.7");
    h.add("Content-Type", "application/json");
    return h;
  }

  private static MockServerWebExchange exchange(boolean llm) {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions"));
    if (llm) {
      exchange
          .getAttributes()
          .put(LlmCall.ATTRIBUTE, new LlmCall(ClientApi.COMPLETIONS, System.nanoTime()));
    }
    return exchange;
  }

  @Test
  void llmRequestsLoseTheClientsAddressByDefault() {
    HttpHeaders out = new ClientAddressHeadersFilter(false).filter(headers(), exchange(true));
    assertThat(out.headerNames()).containsExactly("Content-Type");
  }

  @Test
  void theSettingKeepsThem() {
    HttpHeaders out = new ClientAddressHeadersFilter(true).filter(headers(), exchange(true));
    assertThat(out.getFirst("X-Forwarded-For")).isEqualTo("203.0.113.7");
    assertThat(out.getFirst("Forwarded")).isEqualTo("for=203.0.113.7");
  }

  @Test
  void otherBackendsKeepThem() {
    HttpHeaders out = new ClientAddressHeadersFilter(false).filter(headers(), exchange(false));
    assertThat(out.getFirst("X-Forwarded-For")).isEqualTo("203.0.113.7");
  }
}
