package io.agw.model.config.yaml;

import java.util.List;

/** The {@code config.metrics} block: metric names the gateway does not record ({@code remove}). */
@AgentgatewayDefinition("RawMetrics")
public record MetricsYaml(List<String> remove) {}
