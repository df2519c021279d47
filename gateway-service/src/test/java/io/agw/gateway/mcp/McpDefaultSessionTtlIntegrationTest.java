package io.agw.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.McpPeers;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Without {@code config.mcp.sessionTtl} (agentgateway's default, 30 minutes) an idle client session
 * and its upstream session live on past the wait in which {@link McpSessionTtlIntegrationTest}'s
 * 2-second TTL ends them.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"agw.config.file=${agw.test.mcp-default-ttl-file}", "agw.bind-address=127.0.0.1"})
class McpDefaultSessionTtlIntegrationTest {

  static final McpPeers.Server UPSTREAM = McpPeers.startSecondHttp();
  static final int PORT = FreePorts.next();

  static {
    // Before the context starts: the process settings are read before the Spring context exists.
    System.setProperty(
        "agw.test.mcp-default-ttl-file", SessionTtlScenario.config(null, PORT, UPSTREAM));
  }

  @AfterAll
  static void stop() {
    UPSTREAM.close();
    System.clearProperty("agw.test.mcp-default-ttl-file");
  }

  @Test
  void idleSessionIsKeptWithTheDefaultTtl() throws Exception {
    SessionTtlScenario.initialize(PORT);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> SessionTtlScenario.upstream(UPSTREAM), s -> !s.issued().isEmpty());

    await()
        .during(Duration.ofSeconds(8))
        .atMost(Duration.ofSeconds(20))
        .until(() -> SessionTtlScenario.upstream(UPSTREAM).ended().isEmpty());
    assertThat(SessionTtlScenario.upstream(UPSTREAM).ended()).isEmpty();
  }
}
