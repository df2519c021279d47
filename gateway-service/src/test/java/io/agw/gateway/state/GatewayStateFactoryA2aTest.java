package io.agw.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.route.CompiledRoute;
import io.agw.model.config.ConfigLoader;
import io.agw.model.resource.v1.Resource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

/** Where the {@code a2a} policy may appear: on a route, or on every backend of a route. */
class GatewayStateFactoryA2aTest {

  private final GatewayStateFactory factory =
      TestStateFactories.factory(llmRoutes(new BackendClients(HttpClient.create())), null);

  private static io.agw.gateway.llm.route.LlmRoutes llmRoutes(BackendClients clients) {
    var secrets = new io.agw.gateway.llm.backend.SecretResolver();
    return new io.agw.gateway.llm.route.LlmRoutes(
        new io.agw.gateway.llm.backend.LlmBackendFactory(
            clients, secrets, new io.agw.gateway.llm.balance.Endpoints(System::nanoTime)),
        secrets,
        new io.agw.gateway.llm.telemetry.LlmMetrics(new SimpleMeterRegistry()),
        new io.agw.gateway.llm.telemetry.LlmChoiceMetrics(new SimpleMeterRegistry()),
        new io.agw.gateway.llm.guard.GuardServices(clients, secrets, null));
  }

  @Test
  void aRouteIsA2aWhenItOrAllOfItsBackendsSayItIs() throws Exception {
    GatewayState state =
        build(
            """
            backends:
              - name: agent
                host: 127.0.0.1:9000
                policies:
                  a2a: {}
            binds:
              - port: 18080
                listeners:
                  - routes:
                      - name: by-route
                        matches: [{path: {pathPrefix: /r}}]
                        policies: {a2a: {}}
                        backends: [{host: 127.0.0.1:9001}]
                      - name: by-backends
                        matches: [{path: {pathPrefix: /b}}]
                        backends:
                          - backend: agent
                          - host: 127.0.0.1:9002
                            policies: {a2a: {}}
                      - name: plain
                        backends: [{host: 127.0.0.1:9003}]
            """);

    Map<String, CompiledRoute> routes =
        state.routes().stream().collect(Collectors.toMap(CompiledRoute::name, Function.identity()));
    assertThat(a2aFilters(routes.get("by-route"))).isEqualTo(1);
    assertThat(a2aFilters(routes.get("by-backends"))).isEqualTo(1);
    assertThat(a2aFilters(routes.get("plain"))).isZero();
  }

  @Test
  void aRouteWithSomeA2aBackendsIsRefused() {
    InvalidStateException e =
        catchThrowableOfType(
            InvalidStateException.class,
            () ->
                build(
                    """
                    binds:
                      - port: 18081
                        listeners:
                          - routes:
                              - name: mixed
                                backends:
                                  - host: 127.0.0.1:9001
                                    policies: {a2a: {}}
                                  - host: 127.0.0.1:9002
                    """));

    assertThat(e).isNotNull();
    assertThat(e.problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("route/18081/0/mixed")
        .contains("a2a is set on some but not all backends");
  }

  private GatewayState build(String yaml) throws Exception {
    Map<String, Resource> resources =
        ConfigLoader.load(yaml, Path.of("/")).resources().stream()
            .collect(Collectors.toMap(Resource::getKey, Function.identity()));
    return factory.build(1, "test", resources);
  }

  private static long a2aFilters(CompiledRoute route) {
    return route.route().getFilters().stream().filter(f -> f.toString().contains("A2a[]")).count();
  }
}
