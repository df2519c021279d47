package io.agw.model.config.yaml;

import java.util.List;

/** agentgateway's {@code csrf}: origins trusted besides the request's own. */
@AgentgatewayDefinition("Csrf")
public record CsrfYaml(List<String> additionalOrigins) {}
