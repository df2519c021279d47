package io.agw.model.config.yaml;

import java.util.List;

/** A condition under which a model of the {@code llm} shorthand serves a request: headers. */
@AgentgatewayDefinition("LLMRouteMatch")
public record LlmRouteMatchYaml(List<HeaderMatchYaml> headers) {}
