package io.agw.control.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.crd.AgentgatewayPolicy;
import io.agw.control.xds.SnapshotCache;
import io.agw.model.resource.v1.BuiltinPattern;
import io.agw.model.resource.v1.PromptGuard;
import io.agw.model.resource.v1.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * An AgentgatewayPolicy whose {@code spec.backend.ai.promptGuard} is written in agentgateway's CRD
 * spelling, through the reconciler on fabric8's mock API server: while its webhook's {@code
 * backendRef} names a Service that does not exist the policy is {@code Accepted=False} with the
 * ref's path and attaches nothing; once the Service exists the guard reaches the route's backend
 * reference, its webhook at the Service's in-cluster host and port.
 */
@SpringBootTest(
    properties = {
      "spring.grpc.server.port=0",
      "server.port=0",
      "agw.reconcile.use-ssa-for-status=false"
    })
@DirtiesContext
@ContextConfiguration(initializers = AgentgatewaySpellingReconcileIntegrationTest.MockClient.class)
class AgentgatewaySpellingReconcileIntegrationTest {

  static final MockApiServer API = new MockApiServer();

  /** The context's Kubernetes client is this class's mock server's. */
  static class MockClient implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context.getBeanFactory().registerSingleton("kubernetesClient", API.client());
    }
  }

  static final Duration WAIT = Duration.ofSeconds(60);
  static final String NODE = "team-s/llm-gw";

  @Autowired SnapshotCache snapshots;

  Optional<Resource> resource(String key) {
    return snapshots.snapshot(NODE).map(s -> s.resources().get(key)).map(v -> v.resource());
  }

  String accepted(KubernetesClient k8s) {
    AgentgatewayPolicy p =
        k8s.resources(AgentgatewayPolicy.class).inNamespace("team-s").withName("guard").get();
    return PromptGuardReconcileIntegrationTest.accepted(p);
  }

  static <T extends HasMetadata> void create(KubernetesClient k8s, Class<T> type, String yaml) {
    k8s.resource(k8s.getKubernetesSerialization().unmarshal(yaml, type)).create();
  }

  @Test
  void aGuardInAgentgatewaysSpellingIsAppliedOnceItsWebhookServiceExists() {
    KubernetesClient k8s = API.client();
    API.apply(GatewayReconcilerIntegrationTest.CLASSES);
    API.apply(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: llm-gw, namespace: team-s}
        spec:
          gatewayClassName: agw
          listeners:
          - {name: http, protocol: HTTP, port: 18097}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: chat, namespace: team-s}
        spec:
          parentRefs: [{name: llm-gw}]
          rules:
          - backendRefs: [{group: agw.io, kind: AgentgatewayBackend, name: llm}]
        """);
    create(
        k8s,
        AgentgatewayBackend.class,
        """
        apiVersion: agw.io/v1alpha1
        kind: AgentgatewayBackend
        metadata: {name: llm, namespace: team-s}
        spec:
          ai:
            openai: {model: gpt-4o-mini}
        """);
    create(
        k8s,
        AgentgatewayPolicy.class,
        """
        apiVersion: agw.io/v1alpha1
        kind: AgentgatewayPolicy
        metadata: {name: guard, namespace: team-s}
        spec:
          targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: chat}]
          backend:
            ai:
              promptGuard:
                request:
                - response: {message: "no SSNs here", statusCode: 451}
                  scope: [Messages]
                  regex:
                    action: Reject
                    builtins: [Ssn]
                response:
                - webhook:
                    backendRef: {name: guard-hook, port: 8000}
                    failureMode: FailOpen
        """);

    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(accepted(k8s))
                    .startsWith("False/Invalid: ")
                    .contains(
                        "spec.backend.ai.promptGuard.response[0].webhook.backendRef: Service"
                            + " team-s/guard-hook does not exist"));
    assertThat(
            resource("route/team-s/chat/0/http")
                .orElseThrow()
                .getRoute()
                .getBackends(0)
                .getPoliciesList())
        .as("nothing of the refused policy is attached")
        .isEmpty();

    API.apply(
        """
        apiVersion: v1
        kind: Service
        metadata: {name: guard-hook, namespace: team-s}
        spec:
          ports: [{port: 8000}]
        """);
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              PromptGuard guard =
                  resource("route/team-s/chat/0/http")
                      .orElseThrow()
                      .getRoute()
                      .getBackends(0)
                      .getPolicies(0)
                      .getAi()
                      .getPromptGuard();
              var request = guard.getRequest(0);
              assertThat(request.getRegex().getReject()).isTrue();
              assertThat(request.getRegex().getRules(0).getBuiltin())
                  .isEqualTo(BuiltinPattern.BUILTIN_SSN);
              assertThat(request.getRejection().getStatus()).isEqualTo(451);
              assertThat(request.getRejection().getBody().toStringUtf8()).isEqualTo("no SSNs here");
              var webhook = guard.getResponse(0).getWebhook();
              assertThat(webhook.getHost() + ":" + webhook.getPort())
                  .isEqualTo("guard-hook.team-s.svc.cluster.local:8000");
              assertThat(webhook.getFailOpen()).isTrue();
              assertThat(accepted(k8s)).startsWith("True/Accepted");
            });
  }
}
