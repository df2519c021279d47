package io.agw.model.config.yaml;

import java.util.List;

/**
 * Azure Content Safety's text analysis: content at or above {@code severityThreshold} (default 2)
 * in any harm category, or matching one of {@code blocklistNames}, is rejected; {@code apiVersion}
 * defaults to {@code 2024-09-01}.
 */
@AgentgatewayDefinition("AnalyzeTextConfig")
public record AnalyzeTextYaml(
    Integer severityThreshold,
    String apiVersion,
    List<String> blocklistNames,
    Boolean haltOnBlocklistHit) {}
