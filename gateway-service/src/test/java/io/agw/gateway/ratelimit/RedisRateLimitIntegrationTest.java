package io.agw.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.GatewayApplication;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.RedisServer;
import io.agw.gateway.support.TestUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two gateway processes' worth of Spring contexts sharing one real {@code redis-server}: one limit
 * enforced across both, then Redis stopped to see fail-open and fail-closed routes.
 */
class RedisRateLimitIntegrationTest {

  static final TestUpstream UP = TestUpstream.start("up");
  static final RedisServer REDIS = new RedisServer();
  static final List<ConfigurableApplicationContext> GATEWAYS = new ArrayList<>();
  static final int[] PORTS = {FreePorts.next(), FreePorts.next()};

  @BeforeAll
  static void start() throws Exception {
    REDIS.start();
    for (int port : PORTS) {
      String yaml =
          """
          binds:
            - port: %d
              listeners:
                - routes:
                    - name: shared
                      matches: [{path: {pathPrefix: /shared}}]
                      policies:
                        remoteRateLimit:
                          redis: %s
                          domain: test
                          descriptors:
                            - entries: [{key: user, value: 'request.headers["x-user"]'}]
                              limit: {maxTokens: 5, fillInterval: 1h}
                      backends: [{host: "%s"}]
                    - name: open
                      matches: [{path: {pathPrefix: /open}}]
                      policies:
                        remoteRateLimit:
                          redis: %s
                          domain: test
                          failureMode: failOpen
                          descriptors:
                            - entries: [{key: route, value: '"open"'}]
                              limit: {maxTokens: 100, fillInterval: 1h}
                      backends: [{host: "%s"}]
          """
              .formatted(port, REDIS.url(), UP.hostPort(), REDIS.url(), UP.hostPort());
      Path file = Files.createTempDirectory("agw-redis-rl").resolve("config.yaml");
      Files.writeString(file, yaml);
      // Each context reads these once at startup; they are cleared before the next one starts.
      System.setProperty("agw.config.file", file.toString());
      System.setProperty("agw.bind-address", "127.0.0.1");
      System.setProperty("server.port", "0");
      try {
        GATEWAYS.add(new SpringApplicationBuilder(GatewayApplication.class).run());
      } finally {
        System.clearProperty("agw.config.file");
        System.clearProperty("agw.bind-address");
        System.clearProperty("server.port");
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    GATEWAYS.forEach(ConfigurableApplicationContext::close);
    REDIS.close();
    UP.close();
  }

  static WebTestClient client(int port) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(20))
        .build();
  }

  static int status(int port, String path, String user) {
    return client(port)
        .get()
        .uri(path)
        .header("x-user", user)
        .exchange()
        .returnResult(String.class)
        .getStatus()
        .value();
  }

  @Test
  void oneLimitIsSharedByBothGatewaysThenRedisDownFailsOpenOrClosed() throws Exception {
    // Each gateway connects to Redis in the background at start; on a busy machine the first
    // request can still beat it (and fail closed). Wait until both answer, with a user of its own.
    for (int port : PORTS) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> status(port, "/shared/x", "warm-up-" + port) == 200);
    }
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      statuses.add(status(PORTS[i % 2], "/shared/x", "alice"));
    }
    // Five tokens in one bucket, whichever gateway serves the request.
    assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429, 429, 429);
    assertThat(status(PORTS[1], "/shared/x", "bob")).isEqualTo(200);
    client(PORTS[0])
        .get()
        .uri("/shared/x")
        .header("x-user", "alice")
        .exchange()
        .expectHeader()
        .valueEquals("x-ratelimit-limit", "5")
        .expectHeader()
        .exists("retry-after");

    REDIS.stop();
    assertThat(status(PORTS[0], "/open/x", "alice")).as("fail open").isEqualTo(200);
    client(PORTS[1])
        .get()
        .uri("/shared/x")
        .header("x-user", "carol")
        .exchange()
        .expectStatus()
        .isEqualTo(500)
        .expectBody()
        .jsonPath("$.error.type")
        .isEqualTo("rate_limit_unavailable");
  }
}
