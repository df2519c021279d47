package io.agw.control.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.xds.SnapshotCache;
import io.agw.model.resource.v1.McpBackend;
import io.agw.model.resource.v1.Resource;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * An MCP AgentgatewayBackend's modes through the reconciler on fabric8's mock API server: {@code
 * sessionRouting}, {@code prefixMode}, {@code failureMode} and {@code dnsRebindingProtection} reach
 * the gateway's snapshot as the same MCP backend a file would give; an unknown mode gets {@code
 * Accepted=False/Invalid}, and once fixed the backend is sent again.
 */
@SpringBootTest(
    properties = {
      "spring.grpc.server.port=0",
      "server.port=0",
      "agw.reconcile.use-ssa-for-status=false"
    })
@DirtiesContext
@ContextConfiguration(initializers = McpBackendReconcileIntegrationTest.MockClient.class)
class McpBackendReconcileIntegrationTest {

  static final MockApiServer API = new MockApiServer();

  /** The context's Kubernetes client is this class's mock server's. */
  static class MockClient implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context.getBeanFactory().registerSingleton("kubernetesClient", API.client());
    }
  }

  static final Duration WAIT = Duration.ofSeconds(60);
  static final String NODE = "team-m/mcp-gw";

  @Autowired SnapshotCache snapshots;

  Optional<Resource> resource(String key) {
    return snapshots.snapshot(NODE).map(s -> s.resources().get(key)).map(v -> v.resource());
  }

  static void putBackend(KubernetesClient k8s, String sessionRouting) {
    AgentgatewayBackend b =
        k8s.getKubernetesSerialization()
            .unmarshal(
                """
                apiVersion: agw.io/v1alpha1
                kind: AgentgatewayBackend
                metadata: {name: tools, namespace: team-m}
                spec:
                  mcp:
                    sessionRouting: %s
                    prefixMode: Never
                    failureMode: FailOpen
                    dnsRebindingProtection: true
                    targets:
                    - {name: one, host: one.team-m.svc, port: 3001}
                    - {name: two, host: two.team-m.svc, port: 3002, protocol: SSE}
                """
                    .formatted(sessionRouting),
                AgentgatewayBackend.class);
    k8s.resource(b).createOr(NonDeletingOperation::update);
  }

  static String accepted(AgentgatewayBackend backend) {
    List<Condition> conditions =
        backend.getStatus() == null ? null : backend.getStatus().getConditions();
    return conditions == null
        ? null
        : conditions.stream()
            .filter(c -> "Accepted".equals(c.getType()))
            .map(c -> c.getStatus() + "/" + c.getReason() + ": " + c.getMessage())
            .findFirst()
            .orElse(null);
  }

  @Test
  void modesReachTheSnapshotAndAnUnknownOneIsReported() {
    KubernetesClient k8s = API.client();
    API.apply(GatewayReconcilerIntegrationTest.CLASSES);
    API.apply(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: mcp-gw, namespace: team-m}
        spec:
          gatewayClassName: agw
          listeners:
          - {name: http, protocol: HTTP, port: 18097}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: tools, namespace: team-m}
        spec:
          parentRefs: [{name: mcp-gw}]
          rules:
          - backendRefs: [{group: agw.io, kind: AgentgatewayBackend, name: tools}]
        """);
    putBackend(k8s, "Sessionless");

    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(
                        accepted(
                            k8s.resources(AgentgatewayBackend.class)
                                .inNamespace("team-m")
                                .withName("tools")
                                .get()))
                    .isEqualTo("False/Invalid: mcp sessionRouting is Stateful or Stateless"));
    assertThat(resource("backend/team-m/agw/tools")).isEmpty();

    putBackend(k8s, "Stateless");
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              McpBackend mcp =
                  resource("backend/team-m/agw/tools").orElseThrow().getBackend().getMcp();
              assertThat(mcp.getStatefulMode()).isEqualTo(McpBackend.StatefulMode.STATELESS);
              assertThat(mcp.getPrefixMode()).isEqualTo(McpBackend.PrefixMode.NEVER);
              assertThat(mcp.getFailureMode()).isEqualTo(McpBackend.FailureMode.FAIL_OPEN);
              assertThat(mcp.getDnsRebindingProtection()).isTrue();
              assertThat(mcp.getTargetsList())
                  .extracting(t -> t.getName() + " " + t.getKindCase())
                  .containsExactly("one MCP", "two SSE");
              assertThat(
                      accepted(
                          k8s.resources(AgentgatewayBackend.class)
                              .inNamespace("team-m")
                              .withName("tools")
                              .get()))
                  .startsWith("True/");
            });
  }
}
