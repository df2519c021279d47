package io.agw.control.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.agw.control.crd.AgentgatewayPolicy;
import io.agw.control.xds.SnapshotCache;
import io.agw.model.resource.v1.ApiKey;
import io.agw.model.resource.v1.PolicySpec;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
 * API keys from Secrets and ConfigMaps through the reconciler on fabric8's mock API server (CRUD):
 * a key added to a selected Secret, a newly labelled Secret, a Secret relabelled out of the
 * selector, a bad entry, and a selected ConfigMap changed and deleted each change what the gateway
 * is sent, without restarting anything. No log line, at DEBUG for our code and JOSDK, holds a key.
 */
@SpringBootTest(
    properties = {
      "spring.grpc.server.port=0",
      "server.port=0",
      "agw.reconcile.use-ssa-for-status=false"
    })
@DirtiesContext
@ContextConfiguration(initializers = ApiKeySourcesReconcileIntegrationTest.MockClient.class)
class ApiKeySourcesReconcileIntegrationTest {

  static final MockApiServer API = new MockApiServer();

  /** The context's Kubernetes client is this class's mock server's. */
  static class MockClient implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context.getBeanFactory().registerSingleton("kubernetesClient", API.client());
    }
  }

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String NODE = "keys/edge";
  static final String NS = "keys";
  static final String LABEL = "agw.io/api-keys";
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

  static String sha256(String key) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
  }

  static Set<String> hashes(String... keys) throws Exception {
    Set<String> out = new java.util.TreeSet<>();
    for (String k : keys) {
      out.add(sha256(k));
    }
    return out;
  }

  /** A Secret stored as the API server stores it (base64 data), with or without the label. */
  static void putSecret(
      KubernetesClient k8s, String name, boolean labelled, Map<String, String> e) {
    Map<String, String> data = new LinkedHashMap<>();
    e.forEach(
        (k, v) ->
            data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .withLabels(labelled ? Map.of(LABEL, "llm") : Map.of("other", "x"))
            .endMetadata()
            .withType("Opaque")
            .withData(data)
            .build();
    k8s.secrets().resource(secret).createOr(NonDeletingOperation::update);
  }

  static void putConfigMap(KubernetesClient k8s, Map<String, String> data) {
    k8s.configMaps()
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("hashed-keys")
                .withNamespace(NS)
                .withLabels(Map.of(LABEL, "hashed"))
                .endMetadata()
                .withData(data)
                .build())
        .createOr(NonDeletingOperation::update);
  }

  /** The key hashes the gateway is sent for the route, or null while it has no api key policy. */
  Set<String> sentHashes(String route) {
    return snapshots
        .snapshot(NODE)
        .map(s -> s.resources().get("route/" + NS + "/" + route + "/0/http"))
        .map(v -> v.resource().getRoute().getPoliciesList())
        .flatMap(p -> p.stream().filter(PolicySpec::hasApiKey).findFirst())
        .map(
            p ->
                p.getApiKey().getKeysList().stream()
                    .map(ApiKey::getSha256)
                    .collect(Collectors.toCollection(java.util.TreeSet::new)))
        .map(s -> (Set<String>) s)
        .orElse(null);
  }

  String accepted(KubernetesClient k8s, String policy) {
    AgentgatewayPolicy p =
        k8s.resources(AgentgatewayPolicy.class).inNamespace(NS).withName(policy).get();
    return p == null || p.getStatus() == null
        ? null
        : GatewayReconcilerIntegrationTest.condition(p.getStatus().getConditions(), "Accepted");
  }

  static String route(String name) {
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: %s, namespace: keys}
        spec:
          parentRefs: [{name: edge}]
          rules:
          - matches: [{path: {type: PathPrefix, value: /%s}}]
            backendRefs: [{name: web, port: 80}]
        """
        .formatted(name, name);
  }

  static String policy(String name, String source) {
    return """
        apiVersion: agw.io/v1alpha1
        kind: AgentgatewayPolicy
        metadata: {name: %s, namespace: keys}
        spec:
          targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: %s}]
          traffic:
            apiKeyAuthentication:
              %s
        """
        .formatted(name, name, source);
  }

  @Test
  void keysFollowTheSelectedSecretsAndConfigMaps() throws Exception {
    KubernetesClient k8s = API.client();
    API.apply(GatewayReconcilerIntegrationTest.CLASSES);
    API.apply(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: keys}
        spec:
          gatewayClassName: agw
          listeners:
          - {name: http, protocol: HTTP, port: 18096}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: keys}
        """);
    API.apply(route("secrets"));
    API.apply(route("configmaps"));
    for (String p :
        List.of(
            policy("secrets", "secretSelector: {matchLabels: {agw.io/api-keys: llm}}"),
            policy("configmaps", "configMapSelector: {matchLabels: {agw.io/api-keys: hashed}}"))) {
      k8s.resource(k8s.getKubernetesSerialization().unmarshal(p, AgentgatewayPolicy.class))
          .create();
    }

    // Nothing selected yet: the policy is there, with no key (strict: every request refused).
    await().atMost(WAIT).untilAsserted(() -> assertThat(sentHashes("secrets")).isEmpty());

    putSecret(k8s, "team-a", true, Map.of("alice", "k-alice"));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(sentHashes("secrets")).isEqualTo(hashes("k-alice")));

    // A key added to a selected Secret.
    putSecret(k8s, "team-a", true, Map.of("alice", "k-alice", "ann", "k-ann"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(sentHashes("secrets")).isEqualTo(hashes("k-alice", "k-ann")));

    // A second Secret labelled into the selector, then the first relabelled out of it.
    putSecret(k8s, "team-b", true, Map.of("bob", "{\"key\": \"k-bob\"}"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(sentHashes("secrets")).isEqualTo(hashes("k-alice", "k-ann", "k-bob")));
    putSecret(k8s, "team-a", false, Map.of("alice", "k-alice", "ann", "k-ann"));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(sentHashes("secrets")).isEqualTo(hashes("k-bob")));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(accepted(k8s, "secrets")).isEqualTo("True/Accepted"));

    // A bad entry: reported, the good key stays in force.
    putSecret(k8s, "team-b", true, Map.of("bob", "{\"key\": \"k-bob\"}", "oops", "{\"key\": 1"));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(accepted(k8s, "secrets")).isEqualTo("False/Invalid"));
    assertThat(sentHashes("secrets")).isEqualTo(hashes("k-bob"));

    // ConfigMaps: watched the same way.
    putConfigMap(k8s, Map.of("c1", "{\"keyHash\": \"sha256:" + sha256("k-cm-1") + "\"}"));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(sentHashes("configmaps")).isEqualTo(hashes("k-cm-1")));
    putConfigMap(
        k8s,
        Map.of(
            "c1", "{\"keyHash\": \"sha256:" + sha256("k-cm-1") + "\"}",
            "c2", "{\"keyHash\": \"sha256:" + sha256("k-cm-2") + "\"}"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(sentHashes("configmaps")).isEqualTo(hashes("k-cm-1", "k-cm-2")));
    k8s.configMaps().inNamespace(NS).withName("hashed-keys").delete();
    await().atMost(WAIT).untilAsserted(() -> assertThat(sentHashes("configmaps")).isEmpty());

    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent e : logs.list) {
      assertThat(e.getFormattedMessage()).doesNotContain("k-alice", "k-ann", "k-bob");
    }
  }
}
