package io.agw.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.http.UrlRewriteFilter;
import io.agw.gateway.route.CompiledRoute;
import io.agw.gateway.route.PathIndex.PathKind;
import io.agw.gateway.route.RouteMatchResult;
import io.agw.gateway.telemetry.AccessLogFields;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code a2a} filter on a mock exchange: the chain stands in for the rest of the gateway
 * (backend choice, path rewrite, upstream answer) and the response is what the client receives.
 */
class A2aFilterTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Backend AGENT =
      new Backend("b", "agent", URI.create("http://10.0.0.7:9000"), HttpClient.create(), List.of());
  private static final String V10_CARD =
      """
      {"name":"Echo","supportedInterfaces":[
        {"url":"http://10.0.0.7:9000/","protocolBinding":"JSONRPC","protocolVersion":"1.0"},
        {"url":"http://10.0.0.7:9000/rest","protocolBinding":"HTTP+JSON","protocolVersion":"1.0"}],
       "skills":[{"id":"echo"}],"signatures":[{"protected":"e30","signature":"c2ln"}]}
      """;
  private static final String V03_CARD =
      """
      {"name":"Echo","url":"http://agent.internal:9000/agents/echo/","preferredTransport":"JSONRPC",
       "additionalInterfaces":[
        {"url":"http://agent.internal:9000/agents/echo/","transport":"JSONRPC"},
        {"url":"http://agent.internal:9000/agents/echo/rest?x=1","transport":"HTTP+JSON"}],
       "provider":{"organization":"Example","url":"https://example.com"}}
      """;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final GatewayFilter filter = new A2aFilters(new A2aTelemetry(meters)).create();
  private final AtomicReference<ServerWebExchange> seen = new AtomicReference<>();

  @Test
  void v10CardUnderARewrittenPrefixBehindAProxyPointsAtThePublicAddress() {
    var exchange =
        exchange(
            MockServerHttpRequest.get("http://gw:8080/agents/echo/.well-known/agent-card.json")
                .header(HttpHeaders.HOST, "gw:8080")
                .header(HttpHeaders.ACCEPT_ENCODING, "gzip")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "agents.example.com")
                .header("X-Forwarded-Prefix", "/edge"),
            "/agents/echo");

    filter.filter(exchange, upstream("/", 200, MediaType.APPLICATION_JSON, V10_CARD, 7)).block();

    JsonNode card = body(exchange);
    assertThat(card.path("supportedInterfaces").values())
        .extracting(i -> i.path("url").asString())
        .containsExactly(
            "https://agents.example.com/edge/agents/echo/",
            "https://agents.example.com/edge/agents/echo/rest");
    assertThat(card.path("skills")).isEqualTo(JSON.readTree(V10_CARD).path("skills"));
    assertThat(card.path("signatures")).isEqualTo(JSON.readTree(V10_CARD).path("signatures"));
    assertThat(exchange.getResponse().getHeaders().getContentLength())
        .isEqualTo(bodyBytes(exchange).length);
    assertThat(seen.get().getRequest().getHeaders().containsHeader(HttpHeaders.ACCEPT_ENCODING))
        .as("the card is asked for uncompressed")
        .isFalse();
  }

  @Test
  void v03CardUnderAPrefixWithoutRewriteKeepsPathsQueryAndOtherUrls() {
    var exchange =
        exchange(
            MockServerHttpRequest.get("http://gw.local:8080/agents/echo/.well-known/agent.json")
                .header(HttpHeaders.HOST, "gw.local:8080"),
            "/agents/echo/");

    filter.filter(exchange, upstream(null, 200, MediaType.APPLICATION_JSON, V03_CARD, 5)).block();

    JsonNode card = body(exchange);
    assertThat(card.path("url").asString()).isEqualTo("http://gw.local:8080/agents/echo/");
    assertThat(card.path("additionalInterfaces").values())
        .extracting(i -> i.path("url").asString())
        .containsExactly(
            "http://gw.local:8080/agents/echo/", "http://gw.local:8080/agents/echo/rest?x=1");
    assertThat(card.path("provider").path("url").asString()).isEqualTo("https://example.com");
  }

  @Test
  void errorStatusesAndNonJsonCardsPassThroughUntouched() {
    for (var answer :
        List.of(
            new Object[] {404, MediaType.APPLICATION_JSON, V10_CARD},
            new Object[] {200, MediaType.TEXT_HTML, "<html>" + V10_CARD + "</html>"},
            new Object[] {200, MediaType.APPLICATION_JSON, "{\"url\": broken"})) {
      var exchange =
          exchange(MockServerHttpRequest.get("http://gw/.well-known/agent-card.json"), "/");
      String body = (String) answer[2];
      filter
          .filter(exchange, upstream(null, (int) answer[0], (MediaType) answer[1], body, 3))
          .block();
      assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(answer[0]);
      assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo(body);
      assertThat(exchange.getResponse().getHeaders().getContentLength())
          .isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void aCardOverTheLimitIsStreamedThroughUnread() {
    char[] padding = new char[AgentCardResponse.MAX_CARD_BYTES];
    Arrays.fill(padding, ' ');
    String big = V10_CARD.replace("\"Echo\"", "\"Echo" + new String(padding) + "\"");
    var exchange = exchange(MockServerHttpRequest.get("http://gw/.well-known/agent.json"), "/");

    filter
        .filter(exchange, upstream(null, 200, MediaType.APPLICATION_JSON, big, 64 * 1024, false))
        .block();

    assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo(big);
  }

  @Test
  void otherRequestsAreLeftAlone() {
    var exchange = exchange(MockServerHttpRequest.get("http://gw/agents/echo/card.json"), "/");
    filter.filter(exchange, upstream(null, 200, MediaType.APPLICATION_JSON, V10_CARD, 5)).block();
    assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo(V10_CARD);
    assertThat(meters.getMeters()).isEmpty();
  }

  @Test
  void aJsonRpcCallIsRecordedInTheMetricAndTheAccessLog() {
    String request =
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tasks/get\",\"params\":{\"id\":\"t-1\"}}";
    String response =
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"kind\":\"task\",\"id\":\"t-1\","
            + "\"contextId\":\"c-1\",\"status\":{\"state\":\"working\"}}}";
    var exchange =
        exchange(
            MockServerHttpRequest.post("http://gw/agents/echo/")
                .contentType(MediaType.APPLICATION_JSON)
                .body(request),
            "/agents/echo");
    GatewayFilterChain chain =
        e ->
            e.getRequest()
                .getBody()
                .then(upstream(null, 200, MediaType.APPLICATION_JSON, response, 11).filter(e));

    filter.filter(exchange, chain).block();

    assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo(response);
    assertThat(
            meters
                .get(A2aTelemetry.CALLS)
                .tags("route", "echo", "method", "GetTask", "outcome", "success")
                .tag("state", "working")
                .timer()
                .count())
        .isEqualTo(1);
    Map<String, Object> fields = exchange.getAttribute(AccessLogFields.ATTRIBUTE);
    @SuppressWarnings("unchecked")
    Map<String, Object> a2a = (Map<String, Object>) fields.get("a2a");
    assertThat(a2a)
        .containsEntry("method", "tasks/get")
        .containsEntry("task_id", "t-1")
        .containsEntry("context_id", "c-1")
        .containsEntry("state", "working")
        .containsEntry("outcome", "success");
  }

  // --- helpers

  private static MockServerWebExchange exchange(
      MockServerHttpRequest.BaseBuilder<?> request, String routePrefix) {
    return exchange(request.build(), routePrefix);
  }

  private static MockServerWebExchange exchange(MockServerHttpRequest request, String prefix) {
    var exchange = MockServerWebExchange.from(request);
    exchange
        .getAttributes()
        .put(
            RouteMatchResult.ATTRIBUTE,
            new RouteMatchResult(
                new CompiledRoute("route/echo", "echo", "main", null), PathKind.PREFIX, prefix));
    return exchange;
  }

  private GatewayFilterChain upstream(
      String rewrittenPrefix, int status, MediaType type, String body, int chunk) {
    return upstream(rewrittenPrefix, status, type, body, chunk, true);
  }

  /** The rest of the gateway: chooses the agent, maybe rewrites the path, writes its answer. */
  private GatewayFilterChain upstream(
      String rewrittenPrefix,
      int status,
      MediaType type,
      String body,
      int chunk,
      boolean withLength) {
    return e -> {
      seen.set(e);
      e.getAttributes().put(Backend.ATTRIBUTE, AGENT);
      if (rewrittenPrefix != null) {
        e.getAttributes().put(UrlRewriteFilter.REWRITTEN_PREFIX_ATTRIBUTE, rewrittenPrefix);
      }
      ServerHttpResponse response = e.getResponse();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      response.setStatusCode(HttpStatus.valueOf(status));
      response.getHeaders().setContentType(type);
      if (withLength) {
        response.getHeaders().setContentLength(bytes.length);
      }
      List<DataBuffer> chunks = new ArrayList<>();
      for (int i = 0; i < bytes.length; i += chunk) {
        chunks.add(
            DefaultDataBufferFactory.sharedInstance.wrap(
                Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk))));
      }
      return response.writeWith(Flux.fromIterable(chunks));
    };
  }

  private static byte[] bodyBytes(MockServerWebExchange exchange) {
    return exchange.getResponse().getBodyAsString().block().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode body(MockServerWebExchange exchange) {
    return JSON.readTree(exchange.getResponse().getBodyAsString().block());
  }
}
