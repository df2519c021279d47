package io.agw.model.config.yaml;

/** Body buffering: the request before it is forwarded, the response before it is sent back. */
@AgentgatewayDefinition("Buffer")
public record BufferYaml(BufferBodyYaml request, BufferBodyYaml response) {}
