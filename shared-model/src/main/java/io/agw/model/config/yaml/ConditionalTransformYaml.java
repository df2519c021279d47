package io.agw.model.config.yaml;

/** A transformation that applies when {@code condition} (CEL) is true, or always without one. */
@AgentgatewayDefinition("LocalConditionalPolicy_LocalTransformationConfig")
public record ConditionalTransformYaml(
    String condition, TransformYaml request, TransformYaml response) {}
