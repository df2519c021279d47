package io.agw.control.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.crd.AgentgatewayPolicy;
import io.agw.control.xds.SnapshotCache;
import io.agw.model.resource.v1.BuiltinPattern;
import io.agw.model.resource.v1.PolicySpec;
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
 * Prompt guards in the CRDs through the reconciler on fabric8's mock API server: an
 * AgentgatewayBackend's {@code spec.policies.ai.promptGuard} reaches the gateway's snapshot; an
 * AgentgatewayPolicy whose {@code spec.backend.ai.promptGuard} is invalid gets {@code
 * Accepted=False/Invalid} with the problem's path and attaches nothing, and once fixed reaches the
 * route's backend reference.
 */
@SpringBootTest(
    properties = {
      "spring.grpc.server.port=0",
      "server.port=0",
      "agw.reconcile.use-ssa-for-status=false"
    })
@DirtiesContext
@ContextConfiguration(initializers = PromptGuardReconcileIntegrationTest.MockClient.class)
class PromptGuardReconcileIntegrationTest {

  static final MockApiServer API = new MockApiServer();

  /** The context's Kubernetes client is this class's mock server's. */
  static class MockClient implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context.getBeanFactory().registerSingleton("kubernetesClient", API.client());
    }
  }

  static final Duration WAIT = Duration.ofSeconds(60);
  static final String NODE = "team-g/llm-gw";

  @Autowired SnapshotCache snapshots;

  Optional<Resource> resource(String key) {
    return snapshots.snapshot(NODE).map(s -> s.resources().get(key)).map(v -> v.resource());
  }

  static String policy(String rule) {
    return """
        apiVersion: agw.io/v1alpha1
        kind: AgentgatewayPolicy
        metadata: {name: guard, namespace: team-g}
        spec:
          targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: chat}]
          backend:
            ai:
              promptGuard:
                request:
                - regex:
                    rules: [%s]
        """
        .formatted(rule);
  }

  void putPolicy(KubernetesClient k8s, String rule) {
    AgentgatewayPolicy p =
        k8s.getKubernetesSerialization().unmarshal(policy(rule), AgentgatewayPolicy.class);
    k8s.resource(p).createOr(NonDeletingOperation::update);
  }

  /** The policy's Accepted condition as status/reason: message; null before one is written. */
  static String accepted(AgentgatewayPolicy policy) {
    List<Condition> conditions =
        policy.getStatus() == null ? null : policy.getStatus().getConditions();
    return conditions == null
        ? null
        : conditions.stream()
            .filter(c -> "Accepted".equals(c.getType()))
            .map(c -> c.getStatus() + "/" + c.getReason() + ": " + c.getMessage())
            .findFirst()
            .orElse(null);
  }

  @Test
  void guardsFromTheCrdsReachTheSnapshotAndInvalidOnesAreReported() {
    KubernetesClient k8s = API.client();
    API.apply(GatewayReconcilerIntegrationTest.CLASSES);
    API.apply(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: llm-gw, namespace: team-g}
        spec:
          gatewayClassName: agw
          listeners:
          - {name: http, protocol: HTTP, port: 18096}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: chat, namespace: team-g}
        spec:
          parentRefs: [{name: llm-gw}]
          rules:
          - backendRefs: [{group: agw.io, kind: AgentgatewayBackend, name: llm}]
        """);
    k8s.resource(
            k8s.getKubernetesSerialization()
                .unmarshal(
                    """
                    apiVersion: agw.io/v1alpha1
                    kind: AgentgatewayBackend
                    metadata: {name: llm, namespace: team-g}
                    spec:
                      ai:
                        openai: {model: gpt-4o-mini}
                      policies:
                        ai:
                          promptGuard:
                            request:
                            - regex:
                                rules: [{builtin: email}]
                    """,
                    AgentgatewayBackend.class))
        .create();
    putPolicy(k8s, "{builtin: passport}");

    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              Resource backend = resource("backend/team-g/agw/llm").orElseThrow();
              PolicySpec ai = backend.getBackend().getPolicies(0);
              assertThat(ai.getAi().getPromptGuard().getRequest(0).getRegex().getRules(0))
                  .extracting(r -> r.getBuiltin())
                  .isEqualTo(BuiltinPattern.BUILTIN_EMAIL);
              AgentgatewayPolicy p =
                  k8s.resources(AgentgatewayPolicy.class)
                      .inNamespace("team-g")
                      .withName("guard")
                      .get();
              assertThat(accepted(p))
                  .startsWith("False/Invalid: ")
                  .contains(
                      "spec.backend.ai.promptGuard.request[0].regex.rules[0].builtin: unknown"
                          + " built-in 'passport'");
            });
    Resource route = resource("route/team-g/chat/0/http").orElseThrow();
    assertThat(route.getRoute().getBackends(0).getPoliciesList())
        .as("nothing of the invalid policy is attached")
        .isEmpty();

    putPolicy(k8s, "{builtin: ssn}");
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              Resource fixed = resource("route/team-g/chat/0/http").orElseThrow();
              assertThat(
                      fixed
                          .getRoute()
                          .getBackends(0)
                          .getPolicies(0)
                          .getAi()
                          .getPromptGuard()
                          .getRequest(0)
                          .getRegex()
                          .getRules(0)
                          .getBuiltin())
                  .isEqualTo(BuiltinPattern.BUILTIN_SSN);
              assertThat(
                      accepted(
                          k8s.resources(AgentgatewayPolicy.class)
                              .inNamespace("team-g")
                              .withName("guard")
                              .get()))
                  .startsWith("True/Accepted");
            });
  }
}
