package io.agw.model.config.yaml;

import java.util.List;

/**
 * {@code extAuthz.cache} (agentgateway's {@code CacheConfig}): CEL expressions making up the key,
 * the TTL (a CEL expression, or a duration written as text such as {@code 5m}), and the most
 * decisions kept ({@code maxEntries}, default 10000).
 */
@AgentgatewayDefinition("CacheConfig")
public record ExtAuthzCacheYaml(List<String> key, String ttl, Long maxEntries) {}
