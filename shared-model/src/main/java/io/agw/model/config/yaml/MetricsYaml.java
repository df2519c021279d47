package io.agw.model.config.yaml;

import java.util.List;

/**
 * The {@code config.metrics} block: metric names the gateway does not record ({@code remove}) and
 * labels computed by CEL added to the request metrics ({@code fields}).
 */
@AgentgatewayDefinition("RawMetrics")
public record MetricsYaml(List<String> remove, MetricFieldsYaml fields) {}
