package io.agw.model.config.yaml;

/**
 * {@code extAuthz.includeRequestBody}: at most {@code maxRequestBytes} of the body (default 8192),
 * a longer one refused unless {@code allowPartialMessage}; {@code packAsBytes} sends it as gRPC
 * {@code raw_body}.
 */
@AgentgatewayDefinition("BodyOptions")
public record ExtAuthzBodyYaml(
    Long maxRequestBytes, Boolean allowPartialMessage, Boolean packAsBytes) {}
