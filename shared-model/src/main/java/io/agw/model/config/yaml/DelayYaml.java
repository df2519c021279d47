package io.agw.model.config.yaml;

/**
 * Artificial latency before the request is forwarded: {@code duration} is a duration such as {@code
 * 2s}, or a CEL expression giving a duration or a number of milliseconds.
 */
@AgentgatewayDefinition("DelayPolicy")
public record DelayYaml(String duration) {}
