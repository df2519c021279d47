package io.agw.control.translate;

import io.agw.control.crd.AgentgatewayPolicySpec;
import io.agw.model.config.ConfigError;
import io.agw.model.config.ConfigException;
import io.agw.model.config.ConfigLoader;
import io.agw.model.resource.v1.AiPolicy;
import io.agw.model.resource.v1.PolicySpec;

/**
 * The {@code ai} policy of backends written in the CRDs ({@code AgentgatewayBackend}'s {@code
 * spec.policies.ai}, {@code AgentgatewayPolicy}'s {@code spec.backend.ai}) as a policy spec. Its
 * {@code promptGuard} is read and checked by the shared configuration reader, exactly as {@code
 * ai.promptGuard} in a gateway's file, so every guard kind a file supports is supported here. Pure.
 */
final class BackendAiPolicies {

  private BackendAiPolicies() {}

  /**
   * The policy spec of {@code ai}, whose {@code promptGuard} is set.
   *
   * @param path where the guard is written, for problems
   * @throws IllegalArgumentException listing every problem, each with its path
   */
  static PolicySpec promptGuard(String path, AgentgatewayPolicySpec.Ai ai) {
    try {
      return PolicySpec.newBuilder()
          .setAi(
              AiPolicy.newBuilder()
                  .setPromptGuard(
                      ConfigLoader.loadPromptGuard(path, ai.getPromptGuard().toString())))
          .build();
    } catch (ConfigException e) {
      throw new IllegalArgumentException(
          String.join("; ", e.errors().stream().map(ConfigError::toString).toList()), e);
    }
  }
}
