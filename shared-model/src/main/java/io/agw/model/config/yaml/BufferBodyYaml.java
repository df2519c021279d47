package io.agw.model.config.yaml;

/** A body size limit; {@code failureMode} is {@code failClosed} or {@code failOpen}. */
@AgentgatewayDefinition("BufferBody")
public record BufferBodyYaml(Long maxBytes, String failureMode) {}
