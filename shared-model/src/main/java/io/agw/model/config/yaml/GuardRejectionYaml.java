package io.agw.model.config.yaml;

import tools.jackson.databind.JsonNode;

/**
 * What the client receives when a guard rejects: {@code status} (default 403), {@code body} (a
 * string, or agentgateway's list of byte values) and {@code headers} changes.
 */
@AgentgatewayDefinition("RequestRejection")
public record GuardRejectionYaml(Integer status, JsonNode body, HeaderModifierYaml headers) {}
