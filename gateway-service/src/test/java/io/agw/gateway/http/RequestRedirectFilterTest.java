package io.agw.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.route.CompiledRoute;
import io.agw.gateway.route.PathIndex.PathKind;
import io.agw.gateway.route.RouteMatchResult;
import io.agw.model.resource.v1.AuthorityRewrite;
import io.agw.model.resource.v1.PathRewrite;
import io.agw.model.resource.v1.RequestRedirect;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class RequestRedirectFilterTest {

  private static MockServerWebExchange exchange(String url, String host) {
    var exchange = MockServerWebExchange.from(MockServerHttpRequest.get(url).header("Host", host));
    exchange
        .getAttributes()
        .put(
            RouteMatchResult.ATTRIBUTE,
            new RouteMatchResult(new CompiledRoute("r", "r", "l", null), PathKind.PREFIX, "/old"));
    return exchange;
  }

  @Test
  void httpsRedirectDropsThePortAndKeepsPathAndQuery() {
    var filter =
        new RequestRedirectFilter(
            RequestRedirect.newBuilder().setScheme("https").setStatus(301).build());
    var exchange = exchange("http://example.com:8080/old/x?a=1", "example.com:8080");
    filter.filter(exchange, e -> null).block();
    assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(301);
    assertThat(exchange.getResponse().getHeaders().getLocation())
        .hasToString("https://example.com/old/x?a=1");
  }

  @Test
  void hostPortAndPrefixRewrite() {
    var filter =
        new RequestRedirectFilter(
            RequestRedirect.newBuilder()
                .setAuthority(AuthorityRewrite.newBuilder().setHost("new.example.com"))
                .setPath(PathRewrite.newBuilder().setPrefix("/new"))
                .build());
    var exchange = exchange("http://example.com:8080/old/x", "example.com:8080");
    filter.filter(exchange, e -> null).block();
    assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(302);
    assertThat(exchange.getResponse().getHeaders().getLocation())
        .hasToString("http://new.example.com:8080/new/x");
    var port =
        new RequestRedirectFilter(
            RequestRedirect.newBuilder()
                .setAuthority(AuthorityRewrite.newBuilder().setPort(9443))
                .build());
    var other = exchange("http://example.com/old", "example.com");
    port.filter(other, e -> null).block();
    assertThat(other.getResponse().getHeaders().getLocation())
        .hasToString("http://example.com:9443/old");
  }
}
