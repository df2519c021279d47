package io.agw.model.config.yaml;

/** Body buffering; only the request side is supported. */
@AgentgatewayDefinition("Buffer")
public record BufferYaml(BufferBodyYaml request) {}
