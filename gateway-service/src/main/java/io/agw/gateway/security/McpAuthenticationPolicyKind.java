package io.agw.gateway.security;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.policy.FilterOrder;
import io.agw.gateway.policy.PolicyKind;
import io.agw.gateway.policy.RouteCompilation;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import org.springframework.stereotype.Component;

/**
 * The {@code mcpAuthentication} policy kind: a JWT check on an MCP route, and the route's protected
 * resource metadata (RFC 9728), which the bind's handler serves for the route whose path a metadata
 * request names. On a route without an MCP backend it is refused. The example of a kind that lives
 * entirely in its own files (docs/development.md): it is a {@link Component}, found by the
 * application's component scan, and no configuration names it.
 */
@Component
public final class McpAuthenticationPolicyKind implements PolicyKind {

  private final JwkSources keys;
  private final CelEnvironment cel;

  public McpAuthenticationPolicyKind(JwkSources keys, CelEnvironment cel) {
    this.keys = keys;
    this.cel = cel;
  }

  @Override
  public KindCase kind() {
    return KindCase.MCP_AUTHENTICATION;
  }

  @Override
  public void onRoute(PolicySpec spec, RouteCompilation route) {
    route.addFilter(
        new McpAuthenticationFilter(spec.getMcpAuthentication(), keys, cel),
        FilterOrder.AUTHENTICATION);
    route.putMetadata(
        ProtectedResourceMetadata.ROUTE_METADATA,
        new ProtectedResourceMetadata(spec.getMcpAuthentication()));
  }

  @Override
  public void completeRoute(RouteCompilation route) {
    if (route.routePolicy(KindCase.MCP_AUTHENTICATION).isPresent()
        && !route.hasBackend(Backend.KindCase.MCP)) {
      throw new IllegalArgumentException(
          "the mcpAuthentication policy needs an mcp backend on the route");
    }
  }
}
