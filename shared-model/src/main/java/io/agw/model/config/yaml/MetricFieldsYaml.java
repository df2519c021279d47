package io.agw.model.config.yaml;

import java.util.Map;

/** {@code config.metrics.fields}: metric label name to the CEL expression computing its value. */
@AgentgatewayDefinition("RawMetricFields")
public record MetricFieldsYaml(Map<String, String> add) {}
