package io.agw.model.config.yaml;

import tools.jackson.databind.JsonNode;

/**
 * One source of {@code config.modelCatalog}: a catalog file ({@code file}, JSON or YAML) or an
 * inline catalog ({@code inline}, as a JSON/YAML string or as a mapping). Exactly one is set.
 */
@AgentgatewayDefinition("ModelCatalogSource")
public record ModelCatalogSourceYaml(String file, JsonNode inline) {}
