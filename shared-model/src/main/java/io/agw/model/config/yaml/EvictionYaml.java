package io.agw.model.config.yaml;

/**
 * How long an unhealthy endpoint stays out ({@code duration}, doubled on each further ejection
 * without a success in between) and after how many failures in a row.
 */
@AgentgatewayDefinition("LocalEviction")
public record EvictionYaml(DurationYaml duration, Integer consecutiveFailures) {}
