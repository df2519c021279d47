package io.agw.model.config.yaml;

import java.util.List;

/**
 * Transformations: {@code request} and {@code response}, or a {@code conditional} list whose first
 * matching entry applies.
 */
@AgentgatewayDefinition({
  "LocalTransformationConfig",
  "LocalConditionalPolicies_LocalTransformationConfig"
})
public record TransformationsYaml(
    TransformYaml request, TransformYaml response, List<ConditionalTransformYaml> conditional) {}
