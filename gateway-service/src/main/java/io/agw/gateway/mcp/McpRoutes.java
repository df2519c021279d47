package io.agw.gateway.mcp;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.mcp.federation.Federation;
import io.agw.gateway.mcp.federation.McpService;
import io.agw.gateway.mcp.federation.McpTargets;
import io.agw.gateway.mcp.federation.NameDirectory;
import io.agw.gateway.mcp.federation.SessionCodec;
import io.agw.gateway.mcp.guard.McpGuardrails;
import io.agw.gateway.mcp.session.ClientSessions;
import io.agw.gateway.mcp.telemetry.McpMetrics;
import io.agw.gateway.mcp.transport.DnsRebindingGuard;
import io.agw.gateway.mcp.transport.LegacySseTransport;
import io.agw.gateway.mcp.transport.McpServerFilter;
import io.agw.gateway.mcp.upstream.TargetCredentials;
import io.agw.gateway.security.AuthorizationRules;
import io.agw.model.resource.v1.Authorization;
import io.agw.model.resource.v1.McpBackend;
import io.agw.model.resource.v1.McpTarget;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * What the state factory needs to compile MCP routes: the {@link McpService} of an {@code mcp}
 * backend and the MCP server filter of a route. Thread-safe.
 */
public final class McpRoutes {

  private final McpTargets targets;
  private final SessionCodec sessions;
  private final CelEnvironment cel;
  private final McpMetrics metrics;
  private final ClientSessions clients;
  private final LegacySseTransport legacy;

  public McpRoutes(
      McpTargets targets,
      SessionCodec sessions,
      CelEnvironment cel,
      McpMetrics metrics,
      ClientSessions clients) {
    this.targets = targets;
    this.sessions = sessions;
    this.cel = cel;
    this.metrics = metrics;
    this.clients = clients;
    this.legacy = new LegacySseTransport(clients);
  }

  /**
   * The service of an {@code mcp} backend; the targets' connections are reused when unchanged.
   * {@code credentials} (its {@code backendAuth}) go with each call, not with the connections, so
   * routes that share the backend may send different ones.
   */
  public McpService service(String backendKey, McpBackend backend, TargetCredentials credentials) {
    if (backend.getTargetsCount() == 0) {
      throw new IllegalArgumentException(
          "backend " + backendKey + ": an mcp backend needs targets");
    }
    Map<String, io.agw.gateway.mcp.upstream.UpstreamConnection> connections = new LinkedHashMap<>();
    Map<String, McpTargets.TargetSpec> specs = new LinkedHashMap<>();
    for (McpTarget target : backend.getTargetsList()) {
      connections.put(target.getName(), targets.connection(backendKey, target));
      specs.put(target.getName(), targets.spec(backendKey, target));
    }
    return new McpService(
        backendKey,
        Collections.unmodifiableMap(connections),
        new Federation(
            backend.getTargetsList().stream().map(McpTarget::getName).toList(),
            switch (backend.getPrefixMode()) {
              case ALWAYS -> Federation.Prefix.ALWAYS;
              case NEVER -> Federation.Prefix.NEVER;
              default -> Federation.Prefix.CONDITIONAL;
            }),
        new NameDirectory(),
        backend.getStatefulMode() == McpBackend.StatefulMode.STATELESS,
        backend.getFailureMode() == McpBackend.FailureMode.FAIL_OPEN,
        sessions,
        Collections.unmodifiableMap(specs),
        targets.timeout(),
        credentials);
  }

  /**
   * The MCP server filter of a route with an {@code mcp} backend; {@code authorization} (the
   * route's {@code mcpAuthorization}) and {@code guardrails} (its {@code mcpGuardrails}) may be
   * null. Requests to the backends named in {@code dnsProtectedBackends} pass the {@link
   * DnsRebindingGuard} first.
   *
   * @throws IllegalArgumentException when a rule or a guardrail pattern does not compile
   */
  public GatewayFilter filter(
      Authorization authorization,
      io.agw.model.resource.v1.McpGuardrails guardrails,
      Set<String> dnsProtectedBackends) {
    GatewayFilter server =
        new McpServerFilter(
            authorization == null ? null : new AuthorizationRules(authorization, cel),
            McpGuardrails.of(guardrails),
            metrics,
            clients,
            legacy);
    return dnsProtectedBackends.isEmpty()
        ? server
        : new DnsRebindingGuard(dnsProtectedBackends, server);
  }
}
