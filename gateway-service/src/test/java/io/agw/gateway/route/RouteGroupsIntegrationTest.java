package io.agw.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import io.agw.gateway.support.TestUpstream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Route delegation ({@code route/route-groups.yaml}) on a real gateway in front of real upstreams:
 * the {@code api} route delegates to the group {@code api-routes}, whose {@code users} route has
 * its own backend and whose {@code orders} route delegates again, to {@code order-routes}. The
 * delegating route's policies reach the group's routes unless they set the same kind; a request
 * that no route of the group matches gets 404, even though a catch-all route of the listener would
 * match it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RouteGroupsIntegrationTest {

  static final TestUpstream USERS = TestUpstream.start("users");
  static final TestUpstream ORDERS = TestUpstream.start("orders");
  static final TestUpstream REST = TestUpstream.start("rest");
  static final int PORT = FreePorts.next();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    GatewayConfigFile.register(
        registry,
        GatewayConfigFile.resource(
            "/route/route-groups.yaml",
            Map.of(
                "PORT", Integer.toString(PORT),
                "USERS", USERS.hostPort(),
                "ORDERS", ORDERS.hostPort(),
                "REST", REST.hostPort())));
  }

  @AfterAll
  static void stop() {
    USERS.close();
    ORDERS.close();
    REST.close();
  }

  final WebTestClient client =
      WebTestClient.bindToServer()
          .baseUrl("http://127.0.0.1:" + PORT)
          .responseTimeout(Duration.ofSeconds(20))
          .build();

  @BeforeEach
  void reset() {
    USERS.reset();
    ORDERS.reset();
    REST.reset();
  }

  @Test
  void aGroupRouteServesWithItsOwnBackendAndTheDelegatingRoutesPolicies() {
    client
        .get()
        .uri("/api/users/7")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-served-through", "api");

    assertThat(USERS.received())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.uri()).isEqualTo("/api/users/7");
              assertThat(r.headers()).containsEntry("x-parent", "api");
            });
    assertThat(ORDERS.received()).isEmpty();
    assertThat(REST.received()).isEmpty();
  }

  @Test
  void aNestedGroupServesTheOtherRouteWhoseOwnPolicyReplacesTheSameKind() {
    client
        .get()
        .uri("/api/orders/1")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-served-through", "api");

    assertThat(ORDERS.received())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.headers()).containsEntry("x-child", "orders");
              assertThat(r.headers()).doesNotContainKey("x-parent");
            });
    assertThat(USERS.received()).isEmpty();
  }

  @Test
  void noRouteOfTheGroupMatchingIs404AndNoOtherRouteIsTried() {
    for (var request :
        List.of(client.get().uri("/api/unknown"), client.post().uri("/api/orders/1"))) {
      request
          .exchange()
          .expectStatus()
          .isNotFound()
          .expectBody()
          .jsonPath("$.error.status")
          .isEqualTo(404);
    }
    assertThat(USERS.received()).isEmpty();
    assertThat(ORDERS.received()).isEmpty();
    assertThat(REST.received()).isEmpty();
  }

  @Test
  void routesOutsideTheDelegatingOneAreServedAsUsual() {
    client.get().uri("/other").exchange().expectStatus().isOk();

    assertThat(REST.received())
        .singleElement()
        .satisfies(r -> assertThat(r.uri()).isEqualTo("/other"));
  }
}
