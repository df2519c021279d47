package io.agw.control.translate;

import com.fasterxml.jackson.databind.JsonNode;
import io.agw.control.crd.AgentgatewayPolicySpec;
import io.agw.model.config.ConfigError;
import io.agw.model.config.ConfigException;
import io.agw.model.config.ConfigLoader;
import io.agw.model.resource.v1.AiPolicy;
import io.agw.model.resource.v1.PolicySpec;
import java.util.function.BiPredicate;

/**
 * The {@code ai} policy of backends written in the CRDs ({@code AgentgatewayBackend}'s {@code
 * spec.policies.ai}, {@code AgentgatewayPolicy}'s {@code spec.backend.ai}) as a policy spec. Its
 * {@code promptGuard} is read and checked by the shared configuration reader, exactly as {@code
 * ai.promptGuard} in a gateway's file, so every guard kind a file supports is supported here. It
 * may be written in agentgateway's CRD spelling, which {@link CrdPromptGuards} rewrites first.
 * Pure.
 */
final class BackendAiPolicies {

  private BackendAiPolicies() {}

  /**
   * The policy spec of {@code ai}, whose {@code promptGuard} is set.
   *
   * @param path where the guard is written, for problems
   * @param namespace the namespace of the resource, for the guard's webhook {@code backendRef}s
   * @param serviceExists whether the Service {@code (namespace, name)} exists
   * @throws IllegalArgumentException listing every problem, each with its path
   */
  static PolicySpec promptGuard(
      String path,
      AgentgatewayPolicySpec.Ai ai,
      String namespace,
      BiPredicate<String, String> serviceExists) {
    JsonNode guard =
        CrdPromptGuards.toStandalone(path, ai.getPromptGuard(), namespace, serviceExists);
    try {
      return PolicySpec.newBuilder()
          .setAi(
              AiPolicy.newBuilder()
                  .setPromptGuard(ConfigLoader.loadPromptGuard(path, guard.toString())))
          .build();
    } catch (ConfigException e) {
      throw new IllegalArgumentException(
          String.join("; ", e.errors().stream().map(ConfigError::toString).toList()), e);
    }
  }
}
