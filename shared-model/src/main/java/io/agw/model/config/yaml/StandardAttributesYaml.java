package io.agw.model.config.yaml;

/**
 * {@code config.standardAttributes}: CEL expressions giving the user and the group of a request
 * (agentgateway's request-log {@code user} and {@code group}).
 */
@AgentgatewayDefinition("RawStandardAttributes")
public record StandardAttributesYaml(String user, String group) {}
