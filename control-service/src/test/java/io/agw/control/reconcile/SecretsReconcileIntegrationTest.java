package io.agw.control.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.xds.SnapshotCache;
import io.agw.model.resource.v1.Resource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Secrets through the reconciler on fabric8's mock API server: an AI backend whose Secret is
 * missing is reported (backend and route {@code ResolvedRefs=False/SecretNotFound}) and its route
 * answers 500; creating the Secret puts the key in the gateway's snapshot; changing it
 * re-translates (Secrets referenced by backends are watched). No log line, at DEBUG for our code
 * and JOSDK, contains a key.
 */
@SpringBootTest(
    properties = {
      "spring.grpc.server.port=0",
      "server.port=0",
      "agw.reconcile.use-ssa-for-status=false"
    })
@DirtiesContext
@ContextConfiguration(initializers = SecretsReconcileIntegrationTest.MockClient.class)
class SecretsReconcileIntegrationTest {

  static final MockApiServer API = new MockApiServer();

  /** The context's Kubernetes client is this class's mock server's. */
  static class MockClient implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context.getBeanFactory().registerSingleton("kubernetesClient", API.client());
    }
  }

  static final Duration WAIT = Duration.ofSeconds(15);
  static final String NODE = "team-s/llm-gw";
  static final String BACKEND = "backend/team-s/agw/llm";
  static final List<String> LOGGERS = List.of("io.agw", "io.javaoperatorsdk");

  @Autowired SnapshotCache snapshots;
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    LOGGERS.forEach(n -> ((Logger) LoggerFactory.getLogger(n)).setLevel(Level.DEBUG));
  }

  @AfterEach
  void stopCapture() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(logs);
    LOGGERS.forEach(n -> ((Logger) LoggerFactory.getLogger(n)).setLevel(null));
  }

  static void putSecret(KubernetesClient k8s, String key) {
    String b64 = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    k8s.secrets()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("llm-key")
                .withNamespace("team-s")
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of("apiKey", b64))
                .build())
        .createOr(NonDeletingOperation::update);
  }

  Optional<Resource> resource(String key) {
    return snapshots.snapshot(NODE).map(s -> s.resources().get(key)).map(v -> v.resource());
  }

  Optional<String> sentKey() {
    return resource(BACKEND)
        .map(
            r ->
                r.getBackend()
                    .getAi()
                    .getGroups(0)
                    .getProviders(0)
                    .getPolicies(0)
                    .getBackendAuth()
                    .getKey()
                    .getInline());
  }

  @Test
  void secretsAreResolvedWatchedReportedAndNeverLogged() {
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
          - {name: http, protocol: HTTP, port: 18095}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: chat, namespace: team-s}
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
                    metadata: {name: llm, namespace: team-s}
                    spec:
                      ai:
                        openai: {model: gpt-4o-mini}
                        apiKey: {secretRef: {name: llm-key}}
                    """,
                    AgentgatewayBackend.class))
        .create();

    // No Secret yet: reported on the backend and the route; the route answers 500.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              AgentgatewayBackend b =
                  k8s.resources(AgentgatewayBackend.class)
                      .inNamespace("team-s")
                      .withName("llm")
                      .get();
              assertThat(b.getStatus()).isNotNull();
              assertThat(
                      GatewayReconcilerIntegrationTest.condition(
                          b.getStatus().getConditions(), "ResolvedRefs"))
                  .isEqualTo("False/SecretNotFound");
              HTTPRoute route =
                  k8s.resources(HTTPRoute.class).inNamespace("team-s").withName("chat").get();
              assertThat(
                      GatewayReconcilerIntegrationTest.condition(
                          route.getStatus().getParents().get(0).getConditions(), "ResolvedRefs"))
                  .isEqualTo("False/SecretNotFound");
              assertThat(resource("route/team-s/chat/0/http"))
                  .hasValueSatisfying(
                      r ->
                          assertThat(r.getRoute().getPolicies(0).getDirectResponse().getStatus())
                              .isEqualTo(500));
              assertThat(resource(BACKEND)).isEmpty();
            });

    // The Secret appears: the key is sent inline; the statuses clear.
    putSecret(k8s, "sk-first-value");
    await().atMost(WAIT).untilAsserted(() -> assertThat(sentKey()).hasValue("sk-first-value"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        GatewayReconcilerIntegrationTest.condition(
                            k8s.resources(AgentgatewayBackend.class)
                                .inNamespace("team-s")
                                .withName("llm")
                                .get()
                                .getStatus()
                                .getConditions(),
                            "ResolvedRefs"))
                    .isEqualTo("True/ResolvedRefs"));

    // Rotated: the change of a referenced Secret re-translates.
    putSecret(k8s, "sk-second-value");
    await().atMost(WAIT).untilAsserted(() -> assertThat(sentKey()).hasValue("sk-second-value"));

    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent e : logs.list) {
      String line =
          e.getFormattedMessage()
              + (e.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(e.getThrowableProxy()));
      assertThat(line).doesNotContain("sk-first-value", "sk-second-value");
    }
  }
}
