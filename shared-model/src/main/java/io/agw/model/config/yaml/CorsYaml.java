package io.agw.model.config.yaml;

import java.util.List;

/** Cross-origin resource sharing. */
@AgentgatewayDefinition("CorsSerde")
public record CorsYaml(
    Boolean allowCredentials,
    List<String> allowHeaders,
    List<String> allowMethods,
    List<String> allowOrigins,
    List<String> exposeHeaders,
    DurationYaml maxAge) {}
