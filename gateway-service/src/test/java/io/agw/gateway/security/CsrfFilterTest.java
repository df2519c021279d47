package io.agw.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.resource.v1.Csrf;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The request's own origin as {@link CsrfFilter} computes it: scheme and authority as the client
 * addressed the gateway, the port only when the client wrote one (the integration test covers the
 * rest over real HTTP).
 */
class CsrfFilterTest {

  private static final CsrfFilter FILTER = new CsrfFilter(Csrf.getDefaultInstance());

  /** Whether the request reached the rest of the chain. */
  private static boolean passes(String url, String origin) {
    var exchange =
        MockServerWebExchange.from(
            MockServerHttpRequest.method(HttpMethod.POST, url).header("Origin", origin));
    AtomicBoolean reached = new AtomicBoolean();
    FILTER
        .filter(
            exchange,
            e -> {
              reached.set(true);
              return Mono.empty();
            })
        .block();
    if (!reached.get()) {
      assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(403);
    }
    return reached.get();
  }

  @Test
  void theOwnOriginIsSchemeHostAndTheWrittenPort() {
    assertThat(passes("https://app.test/transfer", "https://app.test")).isTrue();
    assertThat(passes("https://app.test:8443/transfer", "https://app.test:8443")).isTrue();
    // another scheme or port is another origin
    assertThat(passes("https://app.test/transfer", "http://app.test")).isFalse();
    assertThat(passes("https://app.test:8443/transfer", "https://app.test")).isFalse();
    // compared as written: a trailing slash is no origin a browser sends
    assertThat(passes("https://app.test/transfer", "https://app.test/")).isFalse();
  }
}
