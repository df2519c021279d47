package io.agw.model.config.yaml;

import java.util.Map;

/** A direct response that answers when {@code condition} (CEL) is true, or always without one. */
@AgentgatewayDefinition("LocalConditionalPolicy_DirectResponse")
public record ConditionalDirectResponseYaml(
    String condition,
    Integer status,
    BodyYaml body,
    String bodyExpression,
    Map<String, String> headers) {}
