package io.agw.model.config.yaml;

import java.util.List;
import java.util.Map;

/**
 * Header values, the body, a whole replacement header map ({@code replace}) and metadata values,
 * all computed by CEL expressions; header names to remove.
 */
@AgentgatewayDefinition("LocalTransform")
public record TransformYaml(
    Map<String, String> add,
    Map<String, String> set,
    List<String> remove,
    String body,
    String replace,
    Map<String, String> metadata) {}
