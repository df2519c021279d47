package io.agw.gateway.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.backend.Backend;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class DnsRebindingGuardTest {

  @Test
  void acceptsOnlyLocalhostHostsAndOrigins() {
    assertThat(DnsRebindingGuard.isLocal(headers("localhost", null))).isTrue();
    assertThat(DnsRebindingGuard.isLocal(headers("localhost:3000", null))).isTrue();
    assertThat(DnsRebindingGuard.isLocal(headers("127.0.0.1:8080", null))).isTrue();
    assertThat(DnsRebindingGuard.isLocal(headers("[::1]:8080", null))).isTrue();
    assertThat(DnsRebindingGuard.isLocal(headers("LOCALHOST", "http://127.0.0.1:5173"))).isTrue();
    assertThat(DnsRebindingGuard.isLocal(headers("localhost", "https://[::1]"))).isTrue();

    assertThat(DnsRebindingGuard.isLocal(headers("evil.example.com", null))).isFalse();
    assertThat(DnsRebindingGuard.isLocal(headers("localhost.evil.example.com", null))).isFalse();
    assertThat(DnsRebindingGuard.isLocal(headers("127.0.0.2", null))).isFalse();
    assertThat(DnsRebindingGuard.isLocal(headers(null, null))).isFalse();
    assertThat(DnsRebindingGuard.isLocal(headers("localhost", "http://evil.example.com")))
        .isFalse();
    assertThat(DnsRebindingGuard.isLocal(headers("localhost", "null"))).isFalse();
    assertThat(DnsRebindingGuard.isLocal(headers("localhost", "http://localhost.evil.com")))
        .isFalse();
  }

  @Test
  void refusesBeforeTheServerFilterOnlyForProtectedBackends() {
    AtomicBoolean served = new AtomicBoolean();
    GatewayFilter server =
        (exchange, chain) -> {
          served.set(true);
          return Mono.empty();
        };
    DnsRebindingGuard guard = new DnsRebindingGuard(Set.of("backend/local"), server);

    MockServerWebExchange evil = exchange("backend/local", "evil.example.com");
    guard.filter(evil, e -> Mono.empty()).block();
    assertThat(served).isFalse();
    assertThat(evil.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(evil.getResponse().getBodyAsString().block())
        .contains("\"jsonrpc\":\"2.0\"", "\"id\":null", "localhost");

    guard.filter(exchange("backend/local", "localhost:3000"), e -> Mono.empty()).block();
    assertThat(served).isTrue();

    served.set(false);
    guard.filter(exchange("backend/other", "evil.example.com"), e -> Mono.empty()).block();
    assertThat(served).isTrue();
  }

  private static HttpHeaders headers(String host, String origin) {
    HttpHeaders h = new HttpHeaders();
    if (host != null) {
      h.set(HttpHeaders.HOST, host);
    }
    if (origin != null) {
      h.set(HttpHeaders.ORIGIN, origin);
    }
    return h;
  }

  private static MockServerWebExchange exchange(String backendKey, String host) {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(
            MockServerHttpRequest.post("http://" + host + "/mcp").header("Host", host).body("{}"));
    exchange
        .getAttributes()
        .put(
            Backend.ATTRIBUTE,
            new Backend(backendKey, backendKey, URI.create("http://unused"), null, List.of()));
    return exchange;
  }
}
