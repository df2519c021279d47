package io.agw.model.config.yaml;

import java.util.List;

/**
 * An {@code ai} backend: one provider written inline ({@code name}, {@code provider}, ...) or
 * priority {@code groups} of providers. Exactly one of the two forms.
 */
@AgentgatewayDefinition({"LocalAIBackend", "LocalNamedAIProvider"})
public record AiBackendYaml(
    String name,
    AiProviderYaml provider,
    String hostOverride,
    String pathOverride,
    String pathPrefix,
    BackendPoliciesYaml policies,
    Boolean tokenize,
    List<AiGroupYaml> groups) {

  /** The inline provider form as a provider of its own. */
  public AiNamedProviderYaml single() {
    return new AiNamedProviderYaml(
        name, provider, hostOverride, pathOverride, pathPrefix, policies, tokenize);
  }
}
