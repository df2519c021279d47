package io.agw.model.config.yaml;

import java.util.List;
import java.util.Map;

/**
 * A response answered by the gateway without calling a backend: a {@code status} with a fixed
 * {@code body} or a CEL {@code bodyExpression}, and {@code headers} computed by CEL; or a {@code
 * conditional} list whose first entry with a true condition (or none) answers.
 */
@AgentgatewayDefinition({"DirectResponse", "LocalConditionalPolicies_DirectResponse"})
public record DirectResponseYaml(
    Integer status,
    BodyYaml body,
    String bodyExpression,
    Map<String, String> headers,
    List<ConditionalDirectResponseYaml> conditional) {}
