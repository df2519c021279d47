package io.agw.model.config.yaml;

import java.util.List;

/** The whole file. */
@AgentgatewayDefinition(AgentgatewayDefinition.ROOT)
public record LocalConfigYaml(
    SettingsYaml config,
    List<BindYaml> binds,
    FrontendPoliciesYaml frontendPolicies,
    List<NamedBackendYaml> backends,
    LlmYaml llm,
    McpYaml mcp,
    UiYaml ui,
    List<RouteGroupYaml> routeGroups) {

  /** The configuration of an empty file. */
  public static final LocalConfigYaml EMPTY =
      new LocalConfigYaml(null, null, null, null, null, null, null, null);
}
