package io.agw.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The {@code ui} block: the UI and the admin API relayed from listeners to the admin port. The
 * listener's {@code ui.policies} apply first; the relayed call carries {@code X-Forwarded-For}, so
 * the admin API still asks for its own credential; listeners the block does not name are untouched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(UiListenerRelayIntegrationTest.SeenByAdmin.class)
class UiListenerRelayIntegrationTest {

  static final int UI_PORT = FreePorts.next();
  static final int PLAIN_PORT = FreePorts.next();
  static final String ADMIN_TOKEN = "admin-token-for-the-relay-test";
  static final String BEARER = "Bearer " + ADMIN_TOKEN;
  static final String UI_KEY = "ui-key-for-the-operators";

  /** The X-Forwarded-For of every admin API call that reached the admin port. */
  static final List<String> FORWARDED_FOR = new CopyOnWriteArrayList<>();

  @TestConfiguration
  static class SeenByAdmin {
    @Bean
    WebFilter recordForwardedFor() {
      return new RecordForwardedFor();
    }
  }

  /** Runs before the admin API's authentication, so refused calls are recorded too. */
  static final class RecordForwardedFor implements WebFilter, Ordered {
    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
      if (exchange.getRequest().getPath().value().startsWith("/api/v1/")) {
        String xff = exchange.getRequest().getHeaders().getFirst("X-Forwarded-For");
        FORWARDED_FOR.add(xff == null ? "none" : xff);
      }
      return chain.filter(exchange);
    }
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        """
        binds:
          - port: %d
            listeners:
              - name: ops
          - port: %d
            listeners:
              - name: plain
                routes:
                  - policies:
                      directResponse: {status: 200, body: plain}
        ui:
          gateways: [default/ops]
          policies:
            apiKey:
              mode: strict
              keys: [{key: %s}]
              location: {header: {name: x-ui-key}}
        """
            .formatted(UI_PORT, PLAIN_PORT, UI_KEY);
    GatewayConfigFile.register(registry, yaml);
    Path db = Files.createTempDirectory("agw-ui-relay").resolve("agw.db");
    registry.add("agw.database.url", () -> "sqlite:" + db);
    registry.add("agw.admin.token", () -> ADMIN_TOKEN);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeEach
  void clear() {
    FORWARDED_FOR.clear();
  }

  HttpResponse<String> get(int port, String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void theUiPoliciesApplyBeforeTheUiIsServed() throws Exception {
    var refused = get(UI_PORT, "/ui/");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).doesNotContain("test UI index");

    var index = get(UI_PORT, "/ui/config", "x-ui-key", UI_KEY);
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.body()).contains("test UI index");
    assertThat(index.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(get(UI_PORT, "/ui/assets/index-T3stH4sh.js", "x-ui-key", UI_KEY).body())
        .contains("the quick brown fox");
  }

  @Test
  void anAdminApiCallThroughAListenerNeedsTheUiPoliciesAndTheAdminCredential() throws Exception {
    var noKey = get(UI_PORT, "/api/v1/keys", "Authorization", BEARER);
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(FORWARDED_FOR).as("refused before the relay").isEmpty();

    var noAdminToken = get(UI_PORT, "/api/v1/keys", "x-ui-key", UI_KEY);
    assertThat(noAdminToken.statusCode()).isEqualTo(401);
    assertThat(noAdminToken.headers().firstValue("WWW-Authenticate"))
        .get()
        .asString()
        .startsWith("Bearer");
    assertThat(noAdminToken.body()).contains("\"error\"");

    var both = get(UI_PORT, "/api/v1/keys", "x-ui-key", UI_KEY, "Authorization", BEARER);
    assertThat(both.statusCode()).isEqualTo(200);
    assertThat(both.body()).startsWith("{");

    // Relayed calls always say they were relayed, so the admin port never takes them for local.
    assertThat(FORWARDED_FOR).hasSize(2).allSatisfy(xff -> assertThat(xff).contains("127.0.0.1"));
  }

  @Test
  void listenersTheBlockDoesNotNameServeNoUi() throws Exception {
    assertThat(get(PLAIN_PORT, "/ui/").body()).isEqualTo("plain");
    assertThat(get(PLAIN_PORT, "/api/v1/keys", "Authorization", BEARER).body()).isEqualTo("plain");
    assertThat(FORWARDED_FOR).isEmpty();
  }
}
