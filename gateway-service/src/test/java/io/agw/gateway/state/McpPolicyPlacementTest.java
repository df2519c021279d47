package io.agw.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agw.model.config.ConfigLoader;
import io.agw.model.resource.v1.Resource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** MCP route policies are refused on routes without an mcp backend, with the route named. */
class McpPolicyPlacementTest {

  private static final io.agw.gateway.mcp.federation.McpTargets TARGETS =
      new io.agw.gateway.mcp.federation.McpTargets(java.time.Duration.ofSeconds(5));

  private final GatewayStateFactory factory =
      TestStateFactories.factory(
          null,
          new io.agw.gateway.mcp.McpRoutes(
              TARGETS,
              new io.agw.gateway.mcp.federation.SessionCodec(null),
              new io.agw.gateway.cel.CelEnvironment(),
              new io.agw.gateway.mcp.telemetry.McpMetrics(new SimpleMeterRegistry()),
              new io.agw.gateway.mcp.session.ClientSessions(java.time.Duration.ofMinutes(30))));

  @AfterAll
  static void closeTargets() {
    TARGETS.close();
  }

  @Test
  void mcpAuthenticationNeedsAnMcpBackend() throws Exception {
    String yaml =
        """
        binds:
          - port: 4300
            listeners:
              - routes:
                  - name: plain
                    policies:
                      mcpAuthentication:
                        issuer: https://issuer.test
                        audiences: [mcp]
                        jwks: '{"keys":[]}'
                        resourceMetadata: {}
                    backends:
                      - host: 127.0.0.1:9
        """;
    Map<String, Resource> resources = new LinkedHashMap<>();
    for (Resource r : ConfigLoader.load(yaml, Path.of(".")).resources()) {
      resources.put(r.getKey(), r);
    }
    InvalidStateException refused =
        catchThrowableOfType(
            InvalidStateException.class, () -> factory.build(1, "test", resources));
    assertThat(refused.problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("plain", "the mcpAuthentication policy needs an mcp backend on the route");
  }

  @Test
  void mcpGuardrailsNeedAnMcpBackend() throws Exception {
    String yaml =
        """
        binds:
          - port: 4300
            listeners:
              - routes:
                  - name: plain
                    policies:
                      mcpGuardrails:
                        processors:
                          - kind: regex
                            methods: {tools/call: full}
                            rules: [{builtin: email}]
                    backends:
                      - host: 127.0.0.1:9
        """;
    Map<String, Resource> resources = new LinkedHashMap<>();
    for (Resource r : ConfigLoader.load(yaml, Path.of(".")).resources()) {
      resources.put(r.getKey(), r);
    }
    InvalidStateException refused =
        catchThrowableOfType(
            InvalidStateException.class, () -> factory.build(1, "test", resources));
    assertThat(refused.problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("plain", "the mcpGuardrails policy needs an mcp backend on the route");
  }
}
