package io.agw.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.McpConformance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official MCP conformance suite against the conformance server the gateway's MCP tests use as
 * an upstream, directly: the baseline the gateway's own score is compared with. Every scenario of
 * the suite (active and pending) must pass, so that any check the gateway fails is the gateway's.
 */
class McpConformanceServerTest {

  private static Process server;
  private static int port;

  @BeforeAll
  static void start() {
    port = FreePorts.next();
    server = McpConformance.startServer(port);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    McpConformance.stop(server);
  }

  @Test
  void theConformanceServerPassesEveryScenarioDirectly() {
    McpConformance.Report report = McpConformance.run("http://localhost:" + port + "/mcp");

    assertThat(report.failed()).as(report.output()).isZero();
    assertThat(report.scenarios())
        .as(report.output())
        .containsKeys(
            "server-initialize",
            "tools-call-sampling",
            "tools-call-elicitation",
            "tools-call-with-progress",
            "resources-subscribe",
            "json-schema-2020-12",
            "dns-rebinding-protection");
    assertThat(report.passed()).isGreaterThanOrEqualTo(44);
  }
}
