package io.agw.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.model.resource.v1.HeaderMatch;
import io.agw.model.resource.v1.Listener;
import io.agw.model.resource.v1.PathMatch;
import io.agw.model.resource.v1.QueryMatch;
import io.agw.model.resource.v1.Route;
import io.agw.model.resource.v1.RouteMatch;
import io.agw.model.resource.v1.StringMatch;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.route.Route.AsyncBuilder;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class PortRouterTest {

  private final AtomicInteger order = new AtomicInteger();
  private final RouterBuilder builder = new RouterBuilder();

  private void add(String name, String listenerHost, List<String> hosts, RouteMatch... matches) {
    Listener listener = Listener.newBuilder().setName("l").setHostname(listenerHost).build();
    Route route =
        Route.newBuilder()
            .setKey(name)
            .setName(name)
            .addAllHostnames(hosts)
            .addAllMatches(List.of(matches))
            .setOrder(order.getAndIncrement())
            .build();
    var scg = new AsyncBuilder().id(name).uri(URI.create("http://x")).predicate(e -> true).build();
    builder.add(listener, route, new CompiledRoute(name, name, "l", scg));
  }

  private static RouteMatch prefix(String p) {
    return RouteMatch.newBuilder().setPath(PathMatch.newBuilder().setPrefix(p)).build();
  }

  private static RouteMatch exact(String p) {
    return RouteMatch.newBuilder().setPath(PathMatch.newBuilder().setExact(p)).build();
  }

  private static RouteMatch regex(String p) {
    return RouteMatch.newBuilder().setPath(PathMatch.newBuilder().setRegex(p)).build();
  }

  private String route(MockServerHttpRequest.BaseBuilder<?> request) {
    RouteMatchResult r = builder.build().route(request.build());
    return r == null ? null : r.route().name();
  }

  @Test
  void exactBeatsPrefixAndLongestPrefixWins() {
    add("root", "", List.of(), prefix("/"));
    add("api", "", List.of(), prefix("/api"));
    add("apiV1", "", List.of(), prefix("/api/v1/"));
    add("exact", "", List.of(), exact("/api/v1/health"));
    assertThat(route(MockServerHttpRequest.get("/api/v1/health"))).isEqualTo("exact");
    assertThat(route(MockServerHttpRequest.get("/api/v1/health/x"))).isEqualTo("apiV1");
    assertThat(route(MockServerHttpRequest.get("/api/v1"))).isEqualTo("apiV1");
    assertThat(route(MockServerHttpRequest.get("/api/v2"))).isEqualTo("api");
    assertThat(route(MockServerHttpRequest.get("/apis"))).isEqualTo("root");
    assertThat(route(MockServerHttpRequest.get("/"))).isEqualTo("root");
  }

  @Test
  void prefixBeatsRegexAndRegexMatchesWholePath() {
    add("regex", "", List.of(), regex("/items/[0-9]+"));
    add("items", "", List.of(), prefix("/items/special"));
    assertThat(route(MockServerHttpRequest.get("/items/42"))).isEqualTo("regex");
    assertThat(route(MockServerHttpRequest.get("/items/42/x"))).isNull();
    assertThat(route(MockServerHttpRequest.get("/items/special"))).isEqualTo("items");
  }

  @Test
  void methodThenHeadersThenQueryBreakTiesThenFileOrder() {
    add("plain", "", List.of(), prefix("/p"));
    add("second", "", List.of(), prefix("/p"));
    add(
        "query",
        "",
        List.of(),
        RouteMatch.newBuilder()
            .setPath(PathMatch.newBuilder().setPrefix("/p"))
            .addQuery(
                QueryMatch.newBuilder()
                    .setName("v")
                    .setValue(StringMatch.newBuilder().setExact("2")))
            .build());
    add(
        "header",
        "",
        List.of(),
        RouteMatch.newBuilder()
            .setPath(PathMatch.newBuilder().setPrefix("/p"))
            .addHeaders(
                HeaderMatch.newBuilder()
                    .setName("x-env")
                    .setValue(StringMatch.newBuilder().setRegex("can.*")))
            .build());
    add(
        "post",
        "",
        List.of(),
        RouteMatch.newBuilder()
            .setPath(PathMatch.newBuilder().setPrefix("/p"))
            .setMethod("POST")
            .build());
    assertThat(route(MockServerHttpRequest.get("/p"))).isEqualTo("plain");
    assertThat(route(MockServerHttpRequest.get("/p?v=2"))).isEqualTo("query");
    assertThat(route(MockServerHttpRequest.get("/p?v=2").header("x-env", "canary")))
        .isEqualTo("header");
    assertThat(route(MockServerHttpRequest.get("/p").header("x-env", "prod"))).isEqualTo("plain");
    assertThat(route(MockServerHttpRequest.post("/p").header("x-env", "canary"))).isEqualTo("post");
  }

  @Test
  void hostnamesPickTheMostSpecificAndFallBack() {
    add("any", "", List.of(), prefix("/"));
    add("wild", "", List.of("*.example.com"), prefix("/"));
    add("exactHost", "", List.of("api.example.com"), prefix("/only"));
    assertThat(route(MockServerHttpRequest.get("/only").header("Host", "api.example.com")))
        .isEqualTo("exactHost");
    assertThat(route(MockServerHttpRequest.get("/other").header("Host", "api.example.com:8080")))
        .isEqualTo("wild");
    assertThat(route(MockServerHttpRequest.get("/").header("Host", "a.b.example.com")))
        .isEqualTo("wild");
    assertThat(route(MockServerHttpRequest.get("/").header("Host", "example.com")))
        .isEqualTo("any");
    assertThat(route(MockServerHttpRequest.get("/").header("Host", "API.EXAMPLE.COM")))
        .isEqualTo("wild");
  }

  @Test
  void listenerHostnameNarrowsRouteHostnames() {
    assertThat(RouterBuilder.effectiveHostnames("*.example.com", List.of()))
        .containsExactly("*.example.com");
    assertThat(
            RouterBuilder.effectiveHostnames(
                "*.example.com", List.of("a.example.com", "other.org")))
        .containsExactly("a.example.com");
    assertThat(RouterBuilder.effectiveHostnames("a.example.com", List.of("*.example.com")))
        .containsExactly("a.example.com");
    assertThat(
            RouterBuilder.effectiveHostnames("*.example.com", List.of("*.a.example.com", "*.com")))
        .containsExactly("*.a.example.com", "*.example.com");
    assertThat(RouterBuilder.effectiveHostnames("", List.of("x.org"))).containsExactly("x.org");
  }

  @Test
  void routeOutsideItsListenerHostnameIsNotServed() {
    add("elsewhere", "*.example.com", List.of("other.org"), prefix("/"));
    assertThat(route(MockServerHttpRequest.get("/").header("Host", "other.org"))).isNull();
  }

  @Test
  void badRegexIsRefused() {
    assertThatThrownBy(() -> add("bad", "", List.of(), regex("/a(")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
