package io.agw.model.config.yaml;

/**
 * One rule: either a {@code builtin} pattern ({@code ssn}, {@code creditCard}, {@code phoneNumber},
 * {@code email}, {@code caSin}) or a custom regular expression ({@code pattern}).
 */
@AgentgatewayDefinition("RegexRule")
public record RegexRuleYaml(String builtin, String pattern) {}
