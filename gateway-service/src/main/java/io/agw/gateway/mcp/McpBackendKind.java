package io.agw.gateway.mcp;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.mcp.upstream.TargetCredentials;
import io.agw.gateway.policy.BackendCompilation;
import io.agw.gateway.policy.BackendKind;
import io.agw.gateway.policy.FilterOrder;
import io.agw.gateway.policy.PolicyKind;
import io.agw.gateway.policy.RouteCompilation;
import io.agw.model.resource.v1.Authorization;
import io.agw.model.resource.v1.McpGuardrails;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code mcp} backends: the gateway's own MCP server answers for them, federating their targets. A
 * route with one gets the MCP server filter, which applies the route's {@code mcpAuthorization} and
 * {@code mcpGuardrails}; those policies are claimed here and refused on routes without an MCP
 * backend.
 */
public final class McpBackendKind implements BackendKind {

  private static final URI UNUSED_URI = URI.create("http://agw.backend.invalid");

  private final McpRoutes mcp;

  public McpBackendKind(McpRoutes mcp) {
    this.mcp = mcp;
  }

  @Override
  public io.agw.model.resource.v1.Backend.KindCase kind() {
    return io.agw.model.resource.v1.Backend.KindCase.MCP;
  }

  @Override
  public Backend build(BackendCompilation backend) {
    return new Backend(
        backend.key(),
        backend.name(),
        UNUSED_URI,
        backend.clients().plain(),
        List.of(),
        mcp.service(
            backend.key(),
            backend.resource().getMcp(),
            TargetCredentials.of(backend.requestHeaders())));
  }

  @Override
  public void completeRoute(RouteCompilation route) {
    Authorization authorization =
        route.claim(KindCase.MCP_AUTHORIZATION).map(PolicySpec::getMcpAuthorization).orElse(null);
    McpGuardrails guardrails =
        route.claim(KindCase.MCP_GUARDRAILS).map(PolicySpec::getMcpGuardrails).orElse(null);
    route.addFilter(mcp.filter(authorization, guardrails, dnsProtected(route)), FilterOrder.MCP);
  }

  /** The {@code mcpAuthorization} kind: consumed by the MCP server filter, refused elsewhere. */
  public static PolicyKind authorizationPolicy() {
    return new PolicyKind() {
      @Override
      public KindCase kind() {
        return KindCase.MCP_AUTHORIZATION;
      }

      @Override
      public void completeRoute(RouteCompilation route) {
        if (route.routePolicy(KindCase.MCP_AUTHORIZATION).isPresent()
            && !route.isClaimed(KindCase.MCP_AUTHORIZATION)) {
          throw new IllegalArgumentException(
              "the mcpAuthorization policy needs an mcp backend on the route");
        }
      }
    };
  }

  /** The {@code mcpGuardrails} kind: consumed by the MCP server filter, refused elsewhere. */
  public static PolicyKind guardrailsPolicy() {
    return new PolicyKind() {
      @Override
      public KindCase kind() {
        return KindCase.MCP_GUARDRAILS;
      }

      @Override
      public void completeRoute(RouteCompilation route) {
        if (route.routePolicy(KindCase.MCP_GUARDRAILS).isPresent()
            && !route.isClaimed(KindCase.MCP_GUARDRAILS)) {
          throw new IllegalArgumentException(
              "the mcpGuardrails policy needs an mcp backend on the route");
        }
      }
    };
  }

  /** The keys of the route's mcp backends with {@code dnsRebindingProtection}. */
  private static Set<String> dnsProtected(RouteCompilation route) {
    Set<String> keys = new HashSet<>();
    for (RouteCompilation.BackendRef b : route.backendRefs()) {
      if (b.resource().hasMcp() && b.resource().getMcp().getDnsRebindingProtection()) {
        keys.add(b.ref().getBackendKey());
      }
    }
    return Set.copyOf(keys);
  }
}
