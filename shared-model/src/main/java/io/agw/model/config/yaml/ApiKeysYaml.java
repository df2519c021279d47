package io.agw.model.config.yaml;

import java.util.List;

/** API key authentication. */
@AgentgatewayDefinition("LocalAPIKeys")
public record ApiKeysYaml(List<ApiKeyYaml> keys, String mode, AuthLocationYaml location) {}
