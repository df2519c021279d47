package io.agw.model.config.yaml;

import java.util.List;

/**
 * Limits shared by many replicas (agentgateway's {@code RemoteRateLimit}): with {@code host}, the
 * descriptors go to Envoy's rate limit service, which holds the limits; with {@code redis} (this
 * gateway's extension, a URL) the buckets live in Redis and each descriptor carries its bucket in
 * {@code limit}. {@code backend}, {@code service} and {@code policies} are read so the mapper can
 * refuse them with a reason.
 */
@AgentgatewayDefinition("RemoteRateLimit")
public record RemoteRateLimitYaml(
    String host,
    String backend,
    Object service,
    BackendPoliciesYaml policies,
    String redis,
    String domain,
    List<DescriptorYaml> descriptors,
    String failureMode) {}
