package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.resource.v1.AiHealth;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Retry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's {@code retry.precondition} / {@code retry.condition}, {@code
 * health.unhealthyExpression} and {@code csrf}: what they become in the resources, wherever
 * agentgateway lets them be written.
 */
class RetryHealthCsrfConfigTest {

  static Map<String, Resource> load(String yaml) throws ConfigException {
    return ConfigLoader.load(yaml, Path.of("/etc/agw")).resources().stream()
        .collect(Collectors.toMap(Resource::getKey, Function.identity()));
  }

  static List<PolicySpec> routePolicies(Map<String, Resource> resources, String key) {
    return resources.get(key).getRoute().getPoliciesList();
  }

  @Test
  void retryCarriesItsExpressionsNextToTheCodes() throws ConfigException {
    var resources =
        load(
            """
            binds:
              - port: 8080
                listeners:
                  - routes:
                      - name: api
                        policies:
                          retry:
                            attempts: 3
                            codes: [503]
                            precondition: 'request.method == "GET"'
                            condition: 'response.headers["x-req-failed"] == "true"'
                        backends: [{host: "localhost:9000"}]
            """);
    Retry retry =
        routePolicies(resources, "route/8080/0/api").stream()
            .filter(PolicySpec::hasRetry)
            .findFirst()
            .orElseThrow()
            .getRetry();
    assertThat(retry.getAttempts()).isEqualTo(3);
    assertThat(retry.getCodesList()).containsExactly(503);
    assertThat(retry.getPrecondition()).isEqualTo("request.method == \"GET\"");
    assertThat(retry.getCondition()).isEqualTo("response.headers[\"x-req-failed\"] == \"true\"");
  }

  @Test
  void csrfOnARouteAListenerAndThroughATopLevelPolicy() throws ConfigException {
    var resources =
        load(
            """
            gateways:
              web:
                port: 8080
                csrf: {}
            routes:
              - name: api
                gateways: web
                backends: [{host: "localhost:9000"}]
              - name: admin
                gateways: web
                policies:
                  csrf: {additionalOrigins: ["https://admin.test"]}
                backends: [{host: "localhost:9001"}]
            policies:
              - name: {name: api-csrf, namespace: default}
                target:
                  route: {name: api}
                policy:
                  csrf:
                    additionalOrigins: ["https://app.test", "https://app.test", "http://localhost:3000"]
            """);
    assertThat(resources.values().stream().filter(Resource::hasListener).toList())
        .singleElement()
        .satisfies(
            l ->
                assertThat(l.getListener().getPoliciesList())
                    .singleElement()
                    .satisfies(p -> assertThat(p.hasCsrf()).isTrue()));
    Map<String, List<String>> originsByRoute =
        resources.values().stream()
            .filter(Resource::hasRoute)
            .collect(
                Collectors.toMap(
                    r -> r.getRoute().getName(),
                    r ->
                        r.getRoute().getPoliciesList().stream()
                            .filter(PolicySpec::hasCsrf)
                            .findFirst()
                            .orElseThrow()
                            .getCsrf()
                            .getAdditionalOriginsList()));
    assertThat(originsByRoute)
        .containsEntry("api", List.of("https://app.test", "http://localhost:3000"))
        .containsEntry("admin", List.of("https://admin.test"));
  }

  @Test
  void anUnhealthyExpressionIsCarriedByTheProvidersHealth() throws ConfigException {
    var resources =
        load(
            """
            binds:
              - port: 4000
                listeners:
                  - routes:
                      - backends:
                          - ai:
                              groups:
                                - providers:
                                    - name: a
                                      provider: {openAI: {}}
                                      policies:
                                        health:
                                          unhealthyExpression: 'response.code == 429'
                                          eviction: {duration: 30s}
                                    - name: b
                                      provider: {openAI: {}}
                                      policies:
                                        health: {unhealthyExpression: "  "}
            """);
    List<AiHealth> health =
        resources.values().stream()
            .filter(Resource::hasBackend)
            .flatMap(b -> b.getBackend().getAi().getGroupsList().stream())
            .flatMap(g -> g.getProvidersList().stream())
            .map(p -> p.getHealth())
            .toList();
    assertThat(health)
        .extracting(AiHealth::getUnhealthyExpression)
        .containsExactly("response.code == 429", "");
    assertThat(health.get(0).getEvictionDuration().getSeconds()).isEqualTo(30);
  }
}
