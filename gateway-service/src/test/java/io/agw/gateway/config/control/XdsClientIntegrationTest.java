package io.agw.gateway.config.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.state.ResourceStore;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestUpstream;
import io.agw.model.config.ConfigLoader;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Route;
import io.agw.model.resource.v1.RouteBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway fed only by the control service's real delta ADS server: what is published serves
 * traffic to a local upstream; updates and deletes follow; an invalid set is NACKed while the last
 * good state serves; a control-service restart leaves traffic untouched and the gateway resyncs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XdsClientIntegrationTest {

  static final String NODE = "team-a/edge";
  static final TestUpstream A = TestUpstream.start("a");
  static final TestUpstream B = TestUpstream.start("b");
  static final int PORT = FreePorts.next();
  static final ControlPlane CONTROL = new ControlPlane(FreePorts.next()).start();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    CONTROL.cache().publish(NODE, resources("/a", A));
    registry.add("agw.xds.address", CONTROL::address);
    registry.add("agw.xds.gateway", () -> "edge");
    registry.add("agw.xds.namespace", () -> "team-a");
    registry.add("agw.xds.initial-backoff", () -> "50ms");
    registry.add("agw.xds.max-backoff", () -> "400ms");
    registry.add("agw.bind-address", () -> "127.0.0.1");
    // Present but ignored: with xDS on, the file is not a source.
    registry.add("agw.config.file", () -> "/nonexistent/config.yaml");
  }

  @AfterAll
  static void stop() throws Exception {
    CONTROL.close();
    A.close();
    B.close();
  }

  @Autowired ResourceStore store;

  @Test
  @Order(1)
  void servesWhatTheControlServicePublishes() throws Exception {
    await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(10))
        .until(() -> upstreamOf("/a/x").equals("a"));
    assertThat(store.current().source()).startsWith("xds " + CONTROL.address());
    assertThat(CONTROL.deliveries().delivery(NODE).orElseThrow().ackedVersion())
        .isEqualTo(CONTROL.cache().snapshot(NODE).orElseThrow().version());
  }

  @Test
  @Order(2)
  void anUpdateChangesTheRouteAndADeleteRemovesIt() throws Exception {
    CONTROL.cache().publish(NODE, resources("/a", B));
    await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(2))
        .until(() -> upstreamOf("/a/x").equals("b"));

    CONTROL.cache().publish(NODE, resources("/b", B));
    await().ignoreExceptions().atMost(Duration.ofSeconds(2)).until(() -> status("/a/x") == 404);
    assertThat(upstreamOf("/b/x")).isEqualTo("b");
  }

  @Test
  @Order(3)
  void anInvalidSetIsNackedAndTheLastGoodStateKeepsServing() throws Exception {
    CONTROL.cache().publish(NODE, resources("/a", A));
    await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(2))
        .until(() -> upstreamOf("/a/x").equals("a"));
    long good = store.current().version();

    List<Resource> invalid = new ArrayList<>(resources("/a", A));
    invalid.add(routeTo("route/broken", "backend/missing"));
    CONTROL.cache().publish(NODE, invalid);

    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> CONTROL.deliveries().delivery(NODE).orElseThrow().lastNack() != null);
    assertThat(CONTROL.deliveries().delivery(NODE).orElseThrow().lastNack().message())
        .contains("backend/missing");
    assertThat(store.current().version()).isEqualTo(good);
    assertThat(store.lastRefusal().problems()).anyMatch(p -> p.contains("backend/missing"));
    assertThat(upstreamOf("/a/x")).isEqualTo("a");

    CONTROL.cache().publish(NODE, resources("/a", B));
    await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(2))
        .until(() -> upstreamOf("/a/x").equals("b"));
    assertThat(CONTROL.deliveries().delivery(NODE).orElseThrow().lastNack()).isNull();
  }

  @Test
  @Order(4)
  void aControlServiceRestartLeavesTrafficUntouchedAndTheGatewayResyncs() throws Exception {
    CONTROL.cache().publish(NODE, resources("/a", A));
    await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(2))
        .until(() -> upstreamOf("/a/x").equals("a"));

    CONTROL.stop();
    long before = store.current().version();
    for (int i = 0; i < 20; i++) {
      assertThat(upstreamOf("/a/x")).isEqualTo("a");
      Thread.sleep(20);
    }

    // A fresh control service computes the same content: the resumed gateway is sent nothing.
    CONTROL.start();
    CONTROL.cache().publish(NODE, resources("/a", A));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                CONTROL
                    .deliveries()
                    .delivery(NODE)
                    .map(d -> d.connectedStreams() == 1)
                    .orElse(false));
    Thread.sleep(300);
    assertThat(store.current().version()).as("nothing was re-applied").isEqualTo(before);

    CONTROL.cache().publish(NODE, resources("/a", B));
    await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(2))
        .until(() -> upstreamOf("/a/x").equals("b"));
    assertThat(store.current().version()).isEqualTo(before + 1);
  }

  /** A bind, a listener, one route on {@code prefix} and its backend, via the YAML mapper. */
  static List<Resource> resources(String prefix, TestUpstream upstream) {
    String yaml =
        """
        binds:
        - port: %d
          listeners:
          - name: main
            routes:
            - name: r
              matches:
              - path: {pathPrefix: %s}
              backends:
              - host: %s
        """
            .formatted(PORT, prefix, upstream.hostPort());
    try {
      return ConfigLoader.load(yaml, Path.of(".")).resources();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Resource routeTo(String key, String backendKey) {
    return Resource.newBuilder()
        .setKey(key)
        .setRoute(
            Route.newBuilder()
                .setKey(key)
                .setName("broken")
                .setListenerKey("listener/" + PORT + "/main")
                .addBackends(RouteBackend.newBuilder().setBackendKey(backendKey).setWeight(1)))
        .build();
  }

  static String upstreamOf(String path) throws Exception {
    return send(path).headers().firstValue("x-upstream").orElse("none");
  }

  static int status(String path) throws Exception {
    return send(path).statusCode();
  }

  static HttpResponse<String> send(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
