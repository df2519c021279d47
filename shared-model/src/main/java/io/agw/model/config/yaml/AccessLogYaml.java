package io.agw.model.config.yaml;

import java.util.List;
import java.util.Map;

/**
 * {@code frontendPolicies.accessLog} (alias {@code logging}): which requests the access log writes
 * ({@code filter}), fields added from CEL ({@code add}) and removed ({@code remove}), and what the
 * usage store keeps ({@code database}) and where records are exported over OTLP ({@code otlp}).
 * Each of filter, add and remove, when set, replaces the one of {@code config.logging}.
 */
@AgentgatewayDefinition("LoggingPolicy")
public record AccessLogYaml(
    DatabaseLoggingYaml database,
    String filter,
    Map<String, String> add,
    List<String> remove,
    OtlpAccessLogYaml otlp) {}
