package io.agw.model.config.yaml;

import java.util.List;
import java.util.Map;

/**
 * Fields added to ({@code add}: name to CEL expression, in order) or removed from ({@code remove})
 * every access-log line ({@code config.logging.fields}) or server span ({@code
 * config.tracing.fields}); also {@code frontendPolicies.accessLog.otlp.fields}.
 */
@AgentgatewayDefinition({"RawLoggingFields", "AccessLogFields"})
public record LoggingFieldsYaml(Map<String, String> add, List<String> remove) {}
