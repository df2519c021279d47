package io.agw.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.agw.gateway.policy.PolicyFilters;
import io.agw.model.resource.v1.BodyLimit;
import io.agw.model.resource.v1.Cors;
import io.agw.model.resource.v1.DirectResponse;
import io.agw.model.resource.v1.ExtensionFilter;
import io.agw.model.resource.v1.HeaderModifier;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Timeout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Each policy's filter on a mock exchange, capturing what reaches the rest of the chain. */
class PolicyFiltersTest {

  private final PolicyFilters policies =
      new PolicyFilters(
          HttpPolicyKinds.all(
              new ExtensionFilters(List.of(), null), new io.agw.gateway.cel.CelEnvironment()));
  private final AtomicReference<ServerWebExchange> reached = new AtomicReference<>();
  private final GatewayFilterChain chain =
      exchange -> {
        reached.set(exchange);
        return Mono.empty();
      };

  private OrderedGatewayFilter filter(PolicySpec spec) {
    List<GatewayFilter> filters = new ArrayList<>();
    policies.add("r", spec, filters, new HashMap<>());
    assertThat(filters).hasSize(1);
    return (OrderedGatewayFilter) filters.get(0);
  }

  @Test
  void requestHeaderModifierSetsAddsAndRemoves() {
    var spec =
        PolicySpec.newBuilder()
            .setRequestHeaderModifier(
                HeaderModifier.newBuilder().putSet("x-a", "1").putAdd("x-b", "2").addRemove("x-c"))
            .build();
    var exchange =
        MockServerWebExchange.from(
            MockServerHttpRequest.get("/")
                .header("x-a", "0")
                .header("x-b", "1")
                .header("x-c", "9"));
    filter(spec).filter(exchange, chain).block();
    var headers = reached.get().getRequest().getHeaders();
    assertThat(headers.get("x-a")).containsExactly("1");
    assertThat(headers.get("x-b")).containsExactly("1", "2");
    assertThat(headers.containsHeader("x-c")).isFalse();
  }

  @Test
  void responseHeaderModifierAppliesBeforeCommit() {
    var spec =
        PolicySpec.newBuilder()
            .setResponseHeaderModifier(
                HeaderModifier.newBuilder().putSet("x-r", "v").addRemove("server"))
            .build();
    var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
    filter(spec)
        .filter(
            exchange,
            e -> {
              e.getResponse().getHeaders().set("server", "upstream");
              return e.getResponse().setComplete();
            })
        .block();
    assertThat(exchange.getResponse().getHeaders().getFirst("x-r")).isEqualTo("v");
    assertThat(exchange.getResponse().getHeaders().containsHeader("server")).isFalse();
  }

  @Test
  void directResponseAnswersWithoutTheChain() {
    var spec =
        PolicySpec.newBuilder()
            .setDirectResponse(
                DirectResponse.newBuilder().setStatus(503).setBody(ByteString.copyFromUtf8("down")))
            .build();
    var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
    filter(spec).filter(exchange, chain).block();
    assertThat(reached.get()).isNull();
    assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
    assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo("down");
  }

  @Test
  void corsPreflightIsAnsweredAndDisallowedOriginRefused() {
    var spec =
        PolicySpec.newBuilder()
            .setCors(Cors.newBuilder().addAllowOrigins("https://a.example").addAllowMethods("PUT"))
            .build();
    var preflight =
        MockServerWebExchange.from(
            MockServerHttpRequest.options("http://gw.example/x")
                .header("Origin", "https://a.example")
                .header("Access-Control-Request-Method", "PUT"));
    filter(spec).filter(preflight, chain).block();
    assertThat(reached.get()).isNull();
    assertThat(preflight.getResponse().getHeaders().getFirst("Access-Control-Allow-Methods"))
        .isEqualTo("PUT");
    var other =
        MockServerWebExchange.from(
            MockServerHttpRequest.get("http://gw.example/x").header("Origin", "https://b.example"));
    filter(spec).filter(other, chain).block();
    assertThat(other.getResponse().getStatusCode().value()).isEqualTo(403);
    var sameOriginless = MockServerWebExchange.from(MockServerHttpRequest.get("/x"));
    filter(spec).filter(sameOriginless, chain).block();
    assertThat(reached.get()).isNotNull();
  }

  @Test
  void bodyLimitBuffersSmallBodiesAndRefusesLargeOnes() {
    var spec =
        PolicySpec.newBuilder().setRequestBodyLimit(BodyLimit.newBuilder().setMaxBytes(8)).build();
    var small = MockServerWebExchange.from(MockServerHttpRequest.post("/").body("12345"));
    filter(spec).filter(small, chain).block();
    assertThat(reached.get().getRequest().getHeaders().getContentLength()).isEqualTo(5);
    assertThat(
            DataBufferUtils.join(reached.get().getRequest().getBody())
                .map(b -> b.toString(java.nio.charset.StandardCharsets.UTF_8))
                .block())
        .isEqualTo("12345");
    var chunked =
        MockServerWebExchange.from(
            MockServerHttpRequest.post("/")
                .body(
                    Flux.just("12345", "67890")
                        .map(
                            s ->
                                org.springframework.core.io.buffer.DefaultDataBufferFactory
                                    .sharedInstance
                                    .wrap(s.getBytes()))));
    assertThatThrownBy(() -> filter(spec).filter(chunked, chain).block())
        .isInstanceOf(ResponseStatusException.class)
        .hasMessageContaining("413");
  }

  @Test
  void timeoutsBecomeAFilterAndRouteMetadata() {
    var spec =
        PolicySpec.newBuilder()
            .setTimeout(
                Timeout.newBuilder()
                    .setRequestTimeout(
                        com.google.protobuf.Duration.newBuilder().setNanos(50_000_000))
                    .setBackendRequestTimeout(
                        com.google.protobuf.Duration.newBuilder().setSeconds(2)))
            .build();
    List<GatewayFilter> filters = new ArrayList<>();
    Map<String, Object> metadata = new HashMap<>();
    policies.add("r", spec, filters, metadata);
    assertThat(metadata).containsEntry("response-timeout", 2000L);
    var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
    assertThatThrownBy(
            () ->
                filters
                    .get(0)
                    .filter(exchange, e -> Mono.delay(Duration.ofSeconds(5)).then())
                    .block())
        .isInstanceOf(ResponseStatusException.class)
        .hasMessageContaining("504");
  }

  @Test
  void unknownExtensionFilterIsRefusedByName() {
    var spec =
        PolicySpec.newBuilder()
            .setExtensionFilter(ExtensionFilter.newBuilder().setName("Nope"))
            .build();
    assertThatThrownBy(() -> policies.add("r", spec, new ArrayList<>(), new HashMap<>()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no GatewayFilterFactory named 'Nope'");
  }
}
