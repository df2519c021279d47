package io.agw.model.config.yaml;

/** Request timeouts. */
@AgentgatewayDefinition("TimeoutPolicy")
public record TimeoutYaml(DurationYaml requestTimeout, DurationYaml backendRequestTimeout) {}
