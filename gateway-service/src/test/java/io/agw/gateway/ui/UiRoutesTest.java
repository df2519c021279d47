package io.agw.gateway.ui;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A build without the frontend: {@code /ui} says the UI is missing instead of a bare 404. */
class UiRoutesTest {

  @Test
  void withoutTheBuiltUiTheUiPathAnswersAJsonErrorSayingSo() {
    UiRoutes routes =
        new UiRoutes(new ClassPathResource("no-such-ui/"), () -> "default-src 'self'");
    WebTestClient client = WebTestClient.bindToRouterFunction(routes.routes()).build();
    for (String path : new String[] {"/ui", "/ui/", "/ui/config", "/ui/assets/x.js"}) {
      client
          .get()
          .uri(path)
          .exchange()
          .expectStatus()
          .isNotFound()
          .expectHeader()
          .valueEquals("X-Content-Type-Options", "nosniff")
          .expectBody()
          .jsonPath("$.error.message")
          .value(m -> org.assertj.core.api.Assertions.assertThat((String) m).contains("agw-ui/"));
    }
  }
}
