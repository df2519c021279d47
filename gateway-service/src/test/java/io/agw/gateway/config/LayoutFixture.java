package io.agw.gateway.config;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import io.agw.gateway.support.TestUpstream;
import java.util.Map;

/**
 * The gateway written twice, in {@code gateway/layout-v14.yaml} (agentgateway's v1.4 layout) and
 * {@code gateway/layout-binds.yaml} (the binds layout), with its peers: an echo upstream, the
 * OpenAI simulator, and a closed port as the MCP target. One instance per gateway under test, so
 * two gateways never share a port.
 */
final class LayoutFixture {

  static final String V14 = "/gateway/layout-v14.yaml";
  static final String BINDS = "/gateway/layout-binds.yaml";

  final TestUpstream echo = TestUpstream.start("echo");
  final ProviderSimulator openAi = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  final int webPort = FreePorts.next();
  final int llmPort = FreePorts.next();
  final int mcpPort = FreePorts.next();
  private final int mcpUpstream = FreePorts.closed();

  /** The file {@code template} with this fixture's ports and peers. */
  String config(String template) {
    return GatewayConfigFile.resource(
        template,
        Map.of(
            "WEB_PORT", String.valueOf(webPort),
            "LLM_PORT", String.valueOf(llmPort),
            "MCP_PORT", String.valueOf(mcpPort),
            "ECHO", echo.hostPort(),
            "OPENAI", openAi.hostPort(),
            "MCP_UPSTREAM", "127.0.0.1:" + mcpUpstream));
  }
}
