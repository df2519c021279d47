package io.agw.model.config.yaml;

/** The exchanged-token cache: {@code maxEntries} (0 disables it) and {@code defaultTtl}. */
@AgentgatewayDefinition("TokenCacheConfig")
public record OAuthTokenCacheYaml(Integer maxEntries, DurationYaml defaultTtl) {}
