package io.agw.model.config.mapping;

import io.agw.model.config.yaml.McpYaml;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.Bind;
import io.agw.model.resource.v1.Listener;
import io.agw.model.resource.v1.PathMatch;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Route;
import io.agw.model.resource.v1.RouteBackend;
import io.agw.model.resource.v1.RouteMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Maps the {@code mcp} shorthand to the resources a full configuration would produce: {@code
 * bind/<port>}, {@code listener/<port>/mcp}, {@code backend/mcp} and {@code route/<port>/mcp/mcp}
 * (path prefix {@code /mcp}, with the shorthand's {@code policies}). Attached to gateways ({@code
 * mcp.gateways}), only the backend and one {@code route/<port>/<listener>/mcp} per listener.
 */
final class McpShorthandMapper {

  private final MappingContext ctx;
  private final McpBackendMapper mcp;
  private final PolicyMapper policies;

  McpShorthandMapper(MappingContext ctx, McpBackendMapper mcp, PolicyMapper policies) {
    this.ctx = ctx;
    this.mcp = mcp;
    this.policies = policies;
  }

  List<Resource> map(McpYaml yaml, Set<Integer> usedPorts) {
    String path = "mcp";
    boolean attached = yaml.gateways() != null;
    if (!attached && !ctx.require(path + ".port", yaml.port())) {
      return List.of();
    }
    if (!attached) {
      int port = yaml.port();
      if (port < 1 || port > 65535) {
        ctx.error(path + ".port", "a port is from 1 to 65535, not " + port);
      } else if (usedPorts.contains(port)) {
        ctx.error(path + ".port", "port " + port + " is also used by another part of this file");
      }
    }
    var backend = mcp.backend(path, yaml.backend());
    if (backend.isEmpty()) {
      return List.of();
    }
    String backendKey = "backend/mcp";
    List<Resource> out = new ArrayList<>();
    out.add(
        Resource.newBuilder()
            .setKey(backendKey)
            .setBackend(
                Backend.newBuilder().setKey(backendKey).setName("mcp").setMcp(backend.get()))
            .build());
    if (attached) {
      for (String listenerKey : yaml.gateways()) {
        out.add(route(path, yaml, listenerKey, backendKey));
      }
      return out;
    }
    int port = yaml.port();
    String bindKey = "bind/" + port;
    String listenerKey = "listener/" + port + "/mcp";
    out.add(
        Resource.newBuilder()
            .setKey(bindKey)
            .setBind(Bind.newBuilder().setKey(bindKey).setPort(port))
            .build());
    out.add(
        Resource.newBuilder()
            .setKey(listenerKey)
            .setListener(
                Listener.newBuilder()
                    .setKey(listenerKey)
                    .setName("mcp")
                    .setBindKey(bindKey)
                    .setProtocol(Listener.Protocol.HTTP))
            .build());
    out.add(route(path, yaml, listenerKey, backendKey));
    return out;
  }

  /** The {@code /mcp} route on a listener: {@code route/<port>/<listener>/mcp}. */
  private Resource route(String path, McpYaml yaml, String listenerKey, String backendKey) {
    String routeKey = "route/" + listenerKey.substring("listener/".length()) + "/mcp";
    Route route =
        Route.newBuilder()
            .setKey(routeKey)
            .setName("mcp")
            .setListenerKey(listenerKey)
            .addMatches(RouteMatch.newBuilder().setPath(PathMatch.newBuilder().setPrefix("/mcp")))
            .addAllPolicies(policies.route(path + ".policies", yaml.policies()))
            .addBackends(RouteBackend.newBuilder().setBackendKey(backendKey).setWeight(1))
            .build();
    return Resource.newBuilder().setKey(routeKey).setRoute(route).build();
  }
}
