package io.agw.model.config.yaml;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The {@code ai} route policy: model aliases, request defaults and overrides, prompt enrichment,
 * route types by path and prompt guards (regex guards; the other guard kinds, CEL transformations
 * and prompt caching are refused as not supported yet).
 */
@AgentgatewayDefinition("Policy")
public record AiPolicyYaml(
    Map<String, JsonNode> defaults,
    Map<String, JsonNode> overrides,
    PromptsYaml prompts,
    Map<String, String> modelAliases,
    Map<String, String> routes,
    PromptGuardYaml promptGuard) {}
