package io.agw.model.config.yaml;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** One accepted key: the key itself or its {@code sha256:<hex>} hash, with optional metadata. */
@AgentgatewayDefinition("LocalAPIKey")
public record ApiKeyYaml(
    String key, String keyHash, JsonNode metadata, List<String> allowedModels) {}
