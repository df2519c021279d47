package io.agw.model.config.yaml;

/**
 * Marks traffic as Agent-to-Agent ({@code a2a: {}}): agent cards are rewritten to point at the
 * gateway and JSON-RPC calls are recorded. It has no settings; any field is refused.
 */
@AgentgatewayDefinition("A2aPolicy")
public record A2aPolicyYaml() {}
