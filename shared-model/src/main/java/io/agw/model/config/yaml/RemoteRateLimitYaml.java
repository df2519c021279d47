package io.agw.model.config.yaml;

import java.util.List;

/**
 * Limits shared by many replicas. This gateway keeps the buckets in Redis: {@code redis} (the URL)
 * is its extension, and each descriptor carries its bucket in {@code limit}.
 */
@AgentgatewayDefinition("RemoteRateLimit")
public record RemoteRateLimitYaml(
    String redis, String domain, List<DescriptorYaml> descriptors, String failureMode) {}
