package io.agw.model.config.yaml;

import java.util.List;

/** Retries of failed backend calls. */
@AgentgatewayDefinition("RetryPolicy")
public record RetryYaml(Integer attempts, DurationYaml backoff, List<Integer> codes) {}
