package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Duration;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.Listener;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Route;
import io.agw.model.resource.v1.RouteBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  static String resource(String name) throws IOException {
    try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/config/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Map<String, Resource> byKey(LoadedConfig config) {
    return config.resources().stream()
        .collect(Collectors.toMap(Resource::getKey, Function.identity()));
  }

  static Duration seconds(long seconds, int nanos) {
    return Duration.newBuilder().setSeconds(seconds).setNanos(nanos).build();
  }

  @Test
  void emptyFilesHaveNoResources() throws ConfigException {
    for (String yaml : List.of("", "   \n", "# only a comment\n", "{}", "---\n")) {
      LoadedConfig config = ConfigLoader.load(yaml, Path.of("/cfg"));
      assertThat(config.resources()).as("'%s'", yaml).isEmpty();
      assertThat(config.settings()).isEqualTo(new GatewaySettings(null, null));
    }
  }

  @Test
  void settingsComeFromTheConfigBlock() throws Exception {
    LoadedConfig config = ConfigLoader.load(resource("full.yaml"), Path.of("/etc/agw"));
    assertThat(config.settings()).isEqualTo(new GatewaySettings("edge", "agw-system"));
  }

  @Test
  void everyResourceKeyIsTheInnerKeyAndUnique() throws Exception {
    LoadedConfig config = ConfigLoader.load(resource("full.yaml"), Path.of("/etc/agw"));
    assertThat(config.resources()).extracting(Resource::getKey).doesNotHaveDuplicates();
    for (Resource r : config.resources()) {
      String inner =
          switch (r.getKindCase()) {
            case BIND -> r.getBind().getKey();
            case LISTENER -> r.getListener().getKey();
            case ROUTE -> r.getRoute().getKey();
            case BACKEND -> r.getBackend().getKey();
            default -> throw new AssertionError("unexpected kind " + r.getKindCase());
          };
      assertThat(inner).isEqualTo(r.getKey());
    }
    assertThat(config.resources())
        .extracting(Resource::getKey)
        .containsExactly(
            "backend/billing",
            "bind/8443",
            "listener/8443/main",
            "backend/8443/main/api/0",
            "backend/8443/main/api/1",
            "route/8443/main/api",
            "route/8443/main/1",
            "route/8443/main/teapot",
            "route/8443/main/bytes",
            "route/8443/main/redirect-auto",
            "bind/8080",
            "listener/8080/0",
            "backend/8080/0/0/0",
            "route/8080/0/0");
  }

  @Test
  void mapsBindsListenersAndTls() throws Exception {
    Map<String, Resource> r = byKey(ConfigLoader.load(resource("full.yaml"), Path.of("/etc/agw")));

    assertThat(r.get("bind/8443").getBind().getPort()).isEqualTo(8443);
    Listener main = r.get("listener/8443/main").getListener();
    assertThat(main.getName()).isEqualTo("main");
    assertThat(main.getBindKey()).isEqualTo("bind/8443");
    assertThat(main.getHostname()).isEqualTo("*.example.com");
    assertThat(main.getProtocol()).isEqualTo(Listener.Protocol.HTTPS);
    assertThat(main.getTls().getCert().getFile()).isEqualTo("/etc/agw/certs/server.pem");
    assertThat(main.getTls().getKey().getFile()).isEqualTo("/etc/agw/certs/server.key");
    assertThat(main.getTls().getRoot().getFile()).isEqualTo("/etc/pki/clients.pem");
    assertThat(main.getPoliciesList()).hasSize(1);
    assertThat(main.getPolicies(0).getCors().getAllowOriginsList())
        .containsExactly("https://app.example.com");
    assertThat(main.getPolicies(0).getCors().getMaxAge()).isEqualTo(seconds(600, 0));

    Listener unnamed = r.get("listener/8080/0").getListener();
    assertThat(unnamed.getName()).isEmpty();
    assertThat(unnamed.getProtocol()).isEqualTo(Listener.Protocol.HTTP);
    assertThat(unnamed.hasTls()).isFalse();
  }

  @Test
  void mapsRouteFieldsAndMatches() throws Exception {
    Map<String, Resource> r = byKey(ConfigLoader.load(resource("full.yaml"), Path.of("/etc/agw")));

    Route api = r.get("route/8443/main/api").getRoute();
    assertThat(api.getName()).isEqualTo("api");
    assertThat(api.getNamespace()).isEqualTo("apps");
    assertThat(api.getRuleName()).isEqualTo("v1");
    assertThat(api.getListenerKey()).isEqualTo("listener/8443/main");
    assertThat(api.getHostnamesList()).containsExactly("api.example.com", "*.api.example.com");
    assertThat(api.getMatchesList()).hasSize(3);
    var first = api.getMatches(0);
    assertThat(first.getPath().getPrefix()).isEqualTo("/v1");
    assertThat(first.getMethod()).isEqualTo("POST");
    assertThat(first.getHeaders(0).getName()).isEqualTo("x-tenant");
    assertThat(first.getHeaders(0).getValue().getExact()).isEqualTo("acme");
    assertThat(first.getHeaders(1).getValue().getRegex()).isEqualTo("^[0-9a-f]{32}$");
    assertThat(first.getQuery(0).getName()).isEqualTo("debug");
    assertThat(first.getQuery(0).getValue().getExact()).isEqualTo("true");
    assertThat(first.getQuery(1).getValue().getRegex()).isEqualTo("v[0-9]+");
    assertThat(api.getMatches(1).getPath().getExact()).isEqualTo("/healthz");
    assertThat(api.getMatches(2).getPath().getRegex()).isEqualTo("^/v[0-9]+/models$");

    Route teapot = r.get("route/8443/main/teapot").getRoute();
    assertThat(teapot.getMatchesList()).as("default match").hasSize(1);
    assertThat(teapot.getMatches(0).getPath().getPrefix()).isEqualTo("/");
    assertThat(teapot.getMatches(0).getMethod()).isEmpty();

    assertThat(
            List.of(
                api.getOrder(),
                r.get("route/8443/main/1").getRoute().getOrder(),
                teapot.getOrder(),
                r.get("route/8443/main/bytes").getRoute().getOrder(),
                r.get("route/8443/main/redirect-auto").getRoute().getOrder(),
                r.get("route/8080/0/0").getRoute().getOrder()))
        .containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(r.get("route/8080/0/0").getRoute().getListenerKey()).isEqualTo("listener/8080/0");
  }

  @Test
  void mapsRoutePoliciesInFieldOrder() throws Exception {
    Map<String, Resource> r = byKey(ConfigLoader.load(resource("full.yaml"), Path.of("/etc/agw")));
    List<PolicySpec> p = r.get("route/8443/main/api").getRoute().getPoliciesList();

    assertThat(p)
        .extracting(PolicySpec::getKindCase)
        .containsExactly(
            PolicySpec.KindCase.REQUEST_HEADER_MODIFIER,
            PolicySpec.KindCase.RESPONSE_HEADER_MODIFIER,
            PolicySpec.KindCase.URL_REWRITE,
            PolicySpec.KindCase.CORS,
            PolicySpec.KindCase.TIMEOUT,
            PolicySpec.KindCase.RETRY,
            PolicySpec.KindCase.REQUEST_BODY_LIMIT,
            PolicySpec.KindCase.BACKEND_TLS,
            PolicySpec.KindCase.EXTENSION_FILTER,
            PolicySpec.KindCase.EXTENSION_FILTER);

    var headers = p.get(0).getRequestHeaderModifier();
    assertThat(headers.getAddMap()).containsExactly(Map.entry("x-added", "one"));
    assertThat(headers.getSetMap()).containsExactly(Map.entry("x-set", "two"));
    assertThat(headers.getRemoveList()).containsExactly("x-remove");
    assertThat(p.get(1).getResponseHeaderModifier().getSetMap())
        .containsExactly(Map.entry("x-served-by", "agw"));
    assertThat(p.get(2).getUrlRewrite().getAuthority().getHost()).isEqualTo("internal.example.com");
    assertThat(p.get(2).getUrlRewrite().getPath().getPrefix()).isEqualTo("/api/v1");

    var cors = p.get(3).getCors();
    assertThat(cors.getAllowCredentials()).isTrue();
    assertThat(cors.getAllowHeadersList()).containsExactly("authorization");
    assertThat(cors.getAllowMethodsList()).containsExactly("GET");
    assertThat(cors.getAllowOriginsList()).containsExactly("*");
    assertThat(cors.getExposeHeadersList()).containsExactly("x-request-id");
    assertThat(cors.getMaxAge()).isEqualTo(seconds(90, 0));

    assertThat(p.get(4).getTimeout().getRequestTimeout()).isEqualTo(seconds(10, 0));
    assertThat(p.get(4).getTimeout().getBackendRequestTimeout()).isEqualTo(seconds(1, 500_000_000));
    assertThat(p.get(5).getRetry().getAttempts()).isEqualTo(3);
    assertThat(p.get(5).getRetry().getBackoff()).isEqualTo(seconds(0, 500_000_000));
    assertThat(p.get(5).getRetry().getCodesList()).containsExactly(502, 503);
    assertThat(p.get(6).getRequestBodyLimit().getMaxBytes()).isEqualTo(1_048_576L);
    assertThat(p.get(6).getRequestBodyLimit().getFailOpen()).isTrue();

    var tls = p.get(7).getBackendTls();
    assertThat(tls.getCert().getFile()).isEqualTo("/etc/agw/certs/client.pem");
    assertThat(tls.getKey().getFile()).isEqualTo("/etc/agw/certs/client.key");
    assertThat(tls.getRoot().getFile()).isEqualTo("/etc/agw/certs/ca.pem");
    assertThat(tls.getHostname()).isEqualTo("upstream.example.com");
    assertThat(tls.getInsecure()).isFalse();
    assertThat(tls.getInsecureHost()).isTrue();
    assertThat(tls.getAlpnList()).containsExactly("h2", "http/1.1");

    assertThat(p.get(8).getExtensionFilter().getName()).isEqualTo("AddRequestHeader");
    assertThat(p.get(8).getExtensionFilter().getArgsMap())
        .containsExactly(Map.entry("_genkey_0", "X-Color"), Map.entry("_genkey_1", "blue"));
    assertThat(p.get(9).getExtensionFilter().getName()).isEqualTo("SetStatus");
    assertThat(p.get(9).getExtensionFilter().getArgsMap())
        .containsExactly(Map.entry("status", "418"));
  }

  @Test
  void mapsRedirectsAndDirectResponses() throws Exception {
    Map<String, Resource> r = byKey(ConfigLoader.load(resource("full.yaml"), Path.of("/etc/agw")));

    var redirect = r.get("route/8443/main/1").getRoute().getPolicies(0).getRequestRedirect();
    assertThat(redirect.getScheme()).isEqualTo("https");
    assertThat(redirect.getAuthority().getPort()).isEqualTo(8443);
    assertThat(redirect.getPath().getFull()).isEqualTo("/new");
    assertThat(redirect.getStatus()).isEqualTo(301);
    assertThat(r.get("route/8443/main/1").getRoute().getMatches(0).getPath().getPrefix())
        .isEqualTo("/old");

    var teapot = r.get("route/8443/main/teapot").getRoute().getPolicies(0).getDirectResponse();
    assertThat(teapot.getStatus()).isEqualTo(418);
    assertThat(teapot.getBody().toStringUtf8()).isEqualTo("short and stout");
    var bytes = r.get("route/8443/main/bytes").getRoute().getPolicies(0).getDirectResponse();
    assertThat(bytes.getBody().toStringUtf8()).isEqualTo("hi");

    List<PolicySpec> auto = r.get("route/8443/main/redirect-auto").getRoute().getPoliciesList();
    assertThat(auto.get(0).getRequestRedirect().getAuthority().getAuto()).isTrue();
    assertThat(auto.get(1).getUrlRewrite().hasAuthority()).as("authority: none").isFalse();
    assertThat(auto.get(1).getUrlRewrite().getPath().getFull()).isEqualTo("/");
  }

  @Test
  void mapsRouteBackendsInlineAndNamed() throws Exception {
    Map<String, Resource> r = byKey(ConfigLoader.load(resource("full.yaml"), Path.of("/etc/agw")));
    List<RouteBackend> backends = r.get("route/8443/main/api").getRoute().getBackendsList();

    assertThat(backends)
        .extracting(RouteBackend::getBackendKey, RouteBackend::getWeight)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("backend/8443/main/api/0", 3),
            org.assertj.core.groups.Tuple.tuple("backend/8443/main/api/1", 0),
            org.assertj.core.groups.Tuple.tuple("backend/billing", 1));
    assertThat(backends.get(0).getPolicies(0).getRequestHeaderModifier().getRemoveList())
        .containsExactly("cookie");
    assertThat(backends.get(0).getPolicies(1).getBackendTls().getInsecure()).isTrue();

    Backend first = r.get("backend/8443/main/api/0").getBackend();
    assertThat(first.getStatic().getHost()).isEqualTo("api-1.internal");
    assertThat(first.getStatic().getPort()).isEqualTo(8080);
    assertThat(first.getName()).isEqualTo("api-1.internal:8080");
    Backend ipv6 = r.get("backend/8443/main/api/1").getBackend();
    assertThat(ipv6.getStatic().getHost()).isEqualTo("::1");
    assertThat(ipv6.getStatic().getPort()).isEqualTo(9090);

    Backend billing = r.get("backend/billing").getBackend();
    assertThat(billing.getName()).isEqualTo("billing");
    assertThat(billing.getStatic().getHost()).isEqualTo("billing.internal");
    assertThat(billing.getStatic().getPort()).isEqualTo(8443);
    assertThat(billing.getPolicies(0).getRequestHeaderModifier().getSetMap())
        .containsExactly(Map.entry("x-backend", "billing"));
    assertThat(billing.getPolicies(1).getBackendTls().getRoot().getFile())
        .isEqualTo("/etc/agw/certs/billing-ca.pem");
    assertThat(billing.getPolicies(1).getBackendTls().getHostname()).isEqualTo("billing.internal");
  }

  @Test
  void namedBackendsAreSharedByRoutes() throws Exception {
    Map<String, Resource> r =
        byKey(ConfigLoader.load(resource("named-backends.yaml"), Path.of("/cfg")));

    assertThat(r.keySet())
        .containsExactlyInAnyOrder(
            "backend/users",
            "backend/orders",
            "bind/3000",
            "listener/3000/web",
            "route/3000/web/users",
            "route/3000/web/orders");
    assertThat(r.get("backend/orders").getBackend().getStatic().getHost()).isEqualTo("10.0.0.7");
    assertThat(r.get("backend/orders").getBackend().getPolicies(0).getBackendTls().getInsecure())
        .isTrue();
    assertThat(r.get("route/3000/web/users").getRoute().getBackends(0).getBackendKey())
        .isEqualTo("backend/users");
    Route orders = r.get("route/3000/web/orders").getRoute();
    assertThat(orders.getBackendsList())
        .extracting(RouteBackend::getBackendKey, RouteBackend::getWeight)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("backend/orders", 2),
            org.assertj.core.groups.Tuple.tuple("backend/users", 1));
    assertThat(orders.getBackends(0).getPolicies(0).getRequestHeaderModifier().getSetMap())
        .containsExactly(Map.entry("x-route", "orders"));
  }

  @Test
  void loadsAnAgentgatewayExampleUnchanged() throws Exception {
    Map<String, Resource> r =
        byKey(ConfigLoader.load(resource("agentgateway-example.yaml"), Path.of("/cfg")));

    Route httpbin = r.get("route/3000/0/httpbin").getRoute();
    assertThat(httpbin.getMatches(0).getPath().getPrefix()).isEqualTo("/");
    assertThat(httpbin.getPoliciesList())
        .extracting(PolicySpec::getKindCase)
        .containsExactly(
            PolicySpec.KindCase.REQUEST_HEADER_MODIFIER,
            PolicySpec.KindCase.CORS,
            PolicySpec.KindCase.TIMEOUT);
    assertThat(httpbin.getBackends(0).getPolicies(0).hasBackendTls()).isTrue();
    assertThat(r.get("backend/3000/0/httpbin/0").getBackend().getStatic().getPort()).isEqualTo(443);

    Route api = r.get("route/3001/default/api").getRoute();
    assertThat(api.getHostnamesList()).containsExactly("example.com");
    assertThat(api.getMatches(1).getPath().getPrefix()).as("default path").isEqualTo("/");
    assertThat(api.getMatches(1).getHeaders(0).getValue().getExact()).isEqualTo("true");
    assertThat(api.getBackendsList()).extracting(RouteBackend::getWeight).containsExactly(9, 1);
    assertThat(api.getOrder()).isEqualTo(1);
  }

  @Test
  void loadsAFileAndResolvesPathsAgainstItsDirectory(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(
        file,
        """
        binds:
          - port: 8443
            listeners:
              - protocol: HTTPS
                tls:
                  cert: tls/cert.pem
                  key: ../key.pem
        """);

    Listener listener = byKey(ConfigLoader.load(file)).get("listener/8443/0").getListener();

    assertThat(listener.getTls().getCert().getFile())
        .isEqualTo(dir.resolve("tls/cert.pem").toAbsolutePath().toString());
    assertThat(listener.getTls().getKey().getFile())
        .isEqualTo(dir.getParent().resolve("key.pem").toAbsolutePath().toString());
  }

  @Test
  void aMissingFileIsAConfigException(@TempDir Path dir) {
    Path file = dir.resolve("absent.yaml");

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));

    assertThat(e.errors())
        .containsExactly(new ConfigError("", "cannot read " + file + ": no such file"));
  }

  @Test
  void mapsA2aOnRoutesAndBackends() throws Exception {
    String yaml =
        """
        backends:
          - name: agent
            host: 127.0.0.1:9000
            policies:
              a2a: {}
        binds:
          - port: 8080
            listeners:
              - routes:
                  - name: marked-route
                    policies:
                      a2a: {}
                      urlRewrite:
                        path:
                          prefix: /
                    backends:
                      - host: 127.0.0.1:9001
                  - name: marked-backends
                    backends:
                      - backend: agent
                      - host: 127.0.0.1:9002
                        policies:
                          a2a: {}
                  - name: null-means-absent
                    policies:
                      a2a: null
                    backends:
                      - host: 127.0.0.1:9003
        """;

    Map<String, Resource> r = byKey(ConfigLoader.load(yaml, Path.of("/cfg")));

    Route marked = r.get("route/8080/0/marked-route").getRoute();
    assertThat(marked.getPoliciesList())
        .extracting(PolicySpec::getKindCase)
        .containsExactly(PolicySpec.KindCase.URL_REWRITE, PolicySpec.KindCase.A2A);
    assertThat(r.get("backend/agent").getBackend().getPoliciesList())
        .extracting(PolicySpec::getKindCase)
        .containsExactly(PolicySpec.KindCase.A2A);
    Route byBackend = r.get("route/8080/0/marked-backends").getRoute();
    assertThat(byBackend.getPoliciesList()).isEmpty();
    assertThat(byBackend.getBackends(1).getPoliciesList())
        .extracting(PolicySpec::getKindCase)
        .containsExactly(PolicySpec.KindCase.A2A);
    assertThat(r.get("route/8080/0/null-means-absent").getRoute().getPoliciesList()).isEmpty();
  }

  @Test
  void collectsErrorsFromSeveralPlacesInOneException() {
    String yaml =
        """
        binds:
          - port: 8080
            listeners:
              - routes:
                  - policies:
                      timeout:
                        requestTimeout: soon
                      backendTunnel: {}
                    matches:
                      - path:
                          regex: "("
                    backends:
                      - host: nowhere
        """;

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(yaml, Path.of("/")));

    assertThat(e.errors())
        .extracting(ConfigError::path)
        .containsExactly(
            "binds[0].listeners[0].routes[0].policies.backendTunnel",
            "binds[0].listeners[0].routes[0].matches[0].path.regex",
            "binds[0].listeners[0].routes[0].policies.timeout.requestTimeout",
            "binds[0].listeners[0].routes[0].backends[0].host");
    assertThat(e.getMessage().lines()).hasSize(4);
  }
}
