package io.agw.model.config.yaml;

import java.util.List;

/**
 * A descriptor: CEL-computed entries, its unit, what one request costs (a CEL expression,
 * agentgateway's {@code cost}), for the rate limit service a {@code limitOverride} (CEL), and for
 * the Redis mode the bucket ({@code limit}, an extension).
 */
@AgentgatewayDefinition("DescriptorEntry")
public record DescriptorYaml(
    List<Entry> entries, String type, String cost, String limitOverride, BucketYaml limit) {

  /** A key and a CEL expression computing its value. */
  @AgentgatewayDefinition("KV")
  public record Entry(String key, String value) {}

  /** A token bucket. */
  public record BucketYaml(Long maxTokens, Long tokensPerFill, DurationYaml fillInterval) {}
}
