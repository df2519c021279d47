package io.agw.model.config.yaml;

import java.util.List;

/**
 * The {@code mcp} shorthand: a port and the targets served there at {@code /mcp}, mapped to the
 * same bind, listener, route and {@code mcp} backend resources a full configuration would use.
 * {@code gateways}, when set, attaches the {@code /mcp} route to the listeners of named gateways
 * instead of a port of its own; after reading, it holds the listener keys the references resolved
 * to ({@code listener/<port>/<listener>}).
 */
@AgentgatewayDefinition("LocalSimpleMcpConfig")
public record McpYaml(
    List<String> gateways,
    Integer port,
    List<McpTargetYaml> targets,
    String statefulMode,
    String prefixMode,
    String failureMode,
    Boolean dnsRebindingProtection,
    RoutePoliciesYaml policies) {

  /** The backend part of the shorthand. */
  public McpBackendYaml backend() {
    return new McpBackendYaml(
        targets, statefulMode, prefixMode, failureMode, dnsRebindingProtection);
  }
}
