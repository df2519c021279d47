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
 * {@code config.mcp.sessionTtl: 2s}: a client session left idle is closed by the gateway, which
 * ends its upstream Streamable HTTP session (a DELETE the upstream sees). {@link
 * McpDefaultSessionTtlIntegrationTest} is the same without the setting.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"agw.config.file=${agw.test.mcp-ttl-file}", "agw.bind-address=127.0.0.1"})
class McpSessionTtlIntegrationTest {

  static final McpPeers.Server UPSTREAM = McpPeers.startSecondHttp();
  static final int PORT = FreePorts.next();

  static {
    // Before the context starts: the process settings are read before the Spring context exists.
    System.setProperty("agw.test.mcp-ttl-file", SessionTtlScenario.config("2s", PORT, UPSTREAM));
  }

  @AfterAll
  static void stop() {
    UPSTREAM.close();
    System.clearProperty("agw.test.mcp-ttl-file");
  }

  @Test
  void idleSessionIsEndedUpstreamAfterTheTtl() throws Exception {
    SessionTtlScenario.initialize(PORT);
    SessionTtlScenario.UpstreamSessions opened =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> SessionTtlScenario.upstream(UPSTREAM), s -> !s.issued().isEmpty());

    SessionTtlScenario.UpstreamSessions after =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> SessionTtlScenario.upstream(UPSTREAM),
                s -> s.ended().containsAll(opened.issued()));
    assertThat(after.ended()).containsAll(opened.issued());
  }
}
