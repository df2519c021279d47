package io.agw.model.config.yaml;

import java.util.List;

/**
 * Retries of failed backend calls: {@code codes} and {@code condition} (CEL over each response) say
 * which answers are retried, {@code precondition} (CEL over the request) whether the request may be
 * retried at all.
 */
@AgentgatewayDefinition("RetryPolicy")
public record RetryYaml(
    Integer attempts,
    DurationYaml backoff,
    List<Integer> codes,
    String precondition,
    String condition) {}
