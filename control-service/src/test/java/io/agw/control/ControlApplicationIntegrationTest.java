package io.agw.control;

import io.agw.control.reconcile.MockApiServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.grpc.server.port=0", "agw.reconcile.use-ssa-for-status=false"})
@AutoConfigureWebTestClient
// The context (and its informers) stops after the class; the mock server lives until the JVM ends.
@DirtiesContext
@ContextConfiguration(initializers = ControlApplicationIntegrationTest.MockClient.class)
class ControlApplicationIntegrationTest {

  static final MockApiServer API = new MockApiServer();

  /** The reconcilers watch fabric8's mock API server. */
  static class MockClient implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context.getBeanFactory().registerSingleton("kubernetesClient", API.client());
    }
  }

  @Autowired WebTestClient client;

  @Test
  void reportsHealthyAndReady() {
    client
        .get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
    client
        .get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
  }
}
