package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Route;
import io.agw.model.resource.v1.RouteMatch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The top-level {@code ui} block: the listeners it attaches the UI to, its policies, its errors.
 */
class UiConfigTest {

  static final Path BASE = Path.of("/etc/agw");

  static final String BINDS =
      """
      binds:
        - port: 8080
          listeners:
            - name: public
              routes:
                - backends: [{host: "localhost:9000"}]
            - name: internal
              hostname: internal.test
        - port: 8443
          listeners:
            - protocol: HTTPS
              tls: {cert: cert.pem, key: key.pem}
      """;

  static Map<String, Resource> load(String yaml) throws ConfigException {
    return ConfigLoader.load(yaml, BASE).resources().stream()
        .collect(Collectors.toMap(Resource::getKey, Function.identity()));
  }

  static List<String> errors(String yaml) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(yaml, BASE));
    assertThat(e).as("must be refused").isNotNull();
    return e.errors().stream().map(ConfigError::toString).toList();
  }

  static List<String> uiRoutes(Map<String, Resource> resources) {
    return resources.keySet().stream()
        .filter(k -> k.startsWith("route/") && k.endsWith("/_ui"))
        .sorted()
        .toList();
  }

  @Test
  void withoutGatewaysTheUiAttachesToEveryListenerOfTheDefaultGateway() throws Exception {
    var resources = load(BINDS + "ui: {}\n");
    assertThat(uiRoutes(resources))
        .containsExactly("route/8080/internal/_ui", "route/8080/public/_ui", "route/8443/0/_ui");
    Route route = resources.get("route/8080/public/_ui").getRoute();
    assertThat(route.getListenerKey()).isEqualTo("listener/8080/public");
    assertThat(route.getName()).isEqualTo("ui");
    assertThat(route.getMatchesList())
        .extracting(RouteMatch::getPath)
        .extracting(p -> p.getPrefix())
        .containsExactly("/ui", "/api/v1");
    assertThat(route.getBackendsList())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.getBackendKey()).isEqualTo("backend/_ui");
            });
    Backend backend = resources.get("backend/_ui").getBackend();
    assertThat(backend.getKindCase()).isEqualTo(Backend.KindCase.ADMIN);
  }

  @Test
  void gatewaysNameAGatewayOrOneListenerAsOneStringOrAList() throws Exception {
    assertThat(uiRoutes(load(BINDS + "ui: {gateways: default/public}\n")))
        .containsExactly("route/8080/public/_ui");
    assertThat(uiRoutes(load(BINDS + "ui: {gateways: [default/internal, default/0]}\n")))
        .containsExactly("route/8080/internal/_ui", "route/8443/0/_ui");
    assertThat(uiRoutes(load("config: {gateway: edge}\n" + BINDS + "ui: {gateways: [edge]}\n")))
        .hasSize(3);
  }

  @Test
  void withoutAUiBlockNothingIsAdded() throws Exception {
    var resources = load(BINDS);
    assertThat(uiRoutes(resources)).isEmpty();
    assertThat(resources).doesNotContainKey("backend/_ui");
  }

  @Test
  void uiPoliciesBecomeTheRoutesPolicies() throws Exception {
    var route =
        load(BINDS
                + """
                    ui:
                      gateways: default/public
                      policies:
                        cors: {allowOrigins: ["https://ops.test"]}
                        basicAuth: {htpasswd: "admin:$apr1$abc$def", realm: agw}
                        authorization: {rules: ['source.address.startsWith("127.")']}
                    """)
            .get("route/8080/public/_ui")
            .getRoute();
    assertThat(route.getPoliciesList())
        .extracting(PolicySpec::getKindCase)
        .containsExactlyInAnyOrder(
            PolicySpec.KindCase.CORS,
            PolicySpec.KindCase.BASIC_AUTH,
            PolicySpec.KindCase.AUTHORIZATION);
  }

  @Test
  void unknownGatewaysAndListenersAreRefusedAtTheirPath() {
    assertThat(errors(BINDS + "ui: {gateways: edge}\n"))
        .containsExactly("ui.gateways: unknown gateway reference 'edge'; gateways: [default]");
    assertThat(errors(BINDS + "ui: {gateways: [default/public, default/nope]}\n"))
        .containsExactly(
            "ui.gateways[1]: unknown gateway reference 'default/nope': gateway 'default' has no"
                + " listener named 'nope'; listeners: [public, internal, 0]");
  }

  @Test
  void withoutGatewaysAndWithoutADefaultGatewayTheBlockIsRefused() {
    assertThat(errors("config: {gateway: edge}\n" + BINDS + "ui: {}\n"))
        .singleElement()
        .asString()
        .startsWith("ui.gateways: must be set: there is no gateway named 'default'");
  }

  @Test
  void csrfInFrontOfTheUiIsTheRoutesCsrfPolicy() throws ConfigException {
    var resources =
        load(
            BINDS
                + """
                ui:
                  policies:
                    csrf: {additionalOrigins: ["https://ops.test", "https://ops.test"]}
                """);
    Route route = resources.get(uiRoutes(resources).get(0)).getRoute();
    assertThat(route.getPoliciesList())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.getCsrf().getAdditionalOriginsList())
                    .containsExactly("https://ops.test"));
  }

  @Test
  void policiesThatAreNotUiPoliciesAreRefused() {
    assertThat(errors(BINDS + "ui: {policies: {timeout: {requestTimeout: 1s}}}\n"))
        .singleElement()
        .asString()
        .startsWith("ui.policies.timeout: ");
    assertThat(errors(BINDS + "ui: {policies: {basicAuth: {realm: x}}}\n"))
        .singleElement()
        .asString()
        .startsWith("ui.policies.basicAuth.htpasswd: ");
  }

  static final String GATEWAYS =
      """
      gateways:
        web:
          port: 8080
        default:
          port: 9090
          listeners:
            - name: main
            - name: second
              hostname: second.test
      routes:
        - gateways: [web, default]
          backends: [{host: "localhost:9000"}]
      """;

  @Test
  void namedGatewaysOfTheV14LayoutAreWhatUiGatewaysRefersTo() throws Exception {
    assertThat(uiRoutes(load(GATEWAYS + "ui: {gateways: web}\n")))
        .containsExactly("route/8080/web/_ui");
    assertThat(uiRoutes(load(GATEWAYS + "ui: {gateways: [default/second]}\n")))
        .containsExactly("route/9090/second/_ui");
    // Omitted: the gateway named default, and only it (not every listener of the file).
    assertThat(uiRoutes(load(GATEWAYS + "ui: {}\n")))
        .containsExactly("route/9090/main/_ui", "route/9090/second/_ui");
  }

  @Test
  void aV14LayoutWithoutADefaultGatewayNeedsUiGateways() {
    String yaml =
        """
        gateways:
          web:
            port: 8080
        routes:
          - gateways: web
            backends: [{host: "localhost:9000"}]
        ui: {}
        """;
    assertThat(errors(yaml)).singleElement().asString().startsWith("ui.gateways:");
    assertThat(errors(yaml.replace("ui: {}", "ui: {gateways: api}")))
        .singleElement()
        .asString()
        .startsWith("ui.gateways:")
        .contains("api");
  }
}
