package io.agw.model.config.yaml;

import java.util.List;

/** Messages added before or after the client's own. */
@AgentgatewayDefinition("PromptEnrichment")
public record PromptsYaml(List<PromptMessageYaml> append, List<PromptMessageYaml> prepend) {}
