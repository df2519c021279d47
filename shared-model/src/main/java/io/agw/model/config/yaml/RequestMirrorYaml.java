package io.agw.model.config.yaml;

/** A copy of matching requests sent to another backend; its answer is discarded. */
@AgentgatewayDefinition("RequestMirror")
public record RequestMirrorYaml(MirrorBackendYaml backend, FractionYaml percentage) {}
