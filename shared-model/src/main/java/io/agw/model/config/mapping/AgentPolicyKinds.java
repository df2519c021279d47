package io.agw.model.config.mapping;

import io.agw.model.config.yaml.A2aPolicyYaml;
import io.agw.model.config.yaml.AiPolicyYaml;
import io.agw.model.config.yaml.AuthorizationYaml;
import io.agw.model.config.yaml.BackendAuthYaml;
import io.agw.model.config.yaml.BackendPoliciesYaml;
import io.agw.model.config.yaml.RoutePoliciesYaml;
import io.agw.model.resource.v1.A2aPolicy;
import io.agw.model.resource.v1.PolicySpec;

/**
 * The policy kinds of agent traffic: {@code a2a}, the LLM ones ({@code backendAuth}, {@code ai})
 * and {@code mcpAuthorization}. ({@code mcpAuthentication} is declared by its own mapper, {@link
 * McpAuthenticationMapper#KIND}.)
 */
final class AgentPolicyKinds {

  /** {@code a2a: {}} has no settings, so every occurrence maps to the same spec. */
  private static final PolicySpec A2A_SPEC =
      PolicySpec.newBuilder().setA2A(A2aPolicy.getDefaultInstance()).build();

  static final PolicyKindMapping<A2aPolicyYaml> A2A =
      PolicyKindMapping.<A2aPolicyYaml>kind("a2a", (ctx, path, yaml, out) -> out.add(A2A_SPEC))
          .onRoute(RoutePoliciesYaml::a2a)
          .onBackend(BackendPoliciesYaml::a2a);

  static final PolicyKindMapping<BackendAuthYaml> BACKEND_AUTH =
      PolicyKindMapping.<BackendAuthYaml>kind(
              "backendAuth",
              (ctx, path, yaml, out) ->
                  new SecretMapper(ctx)
                      .backendAuth(path, yaml)
                      .ifPresent(
                          auth -> out.add(PolicySpec.newBuilder().setBackendAuth(auth).build())))
          .onBackend(BackendPoliciesYaml::backendAuth);

  static final PolicyKindMapping<AiPolicyYaml> AI =
      PolicyKindMapping.<AiPolicyYaml>kind(
              "ai",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setAi(new AiPolicyMapper(ctx).policy(path, yaml))
                          .build()))
          .onRoute(RoutePoliciesYaml::ai);

  static final PolicyKindMapping<AuthorizationYaml> MCP_AUTHORIZATION =
      PolicyKindMapping.<AuthorizationYaml>kind(
              "mcpAuthorization",
              (ctx, path, yaml, out) ->
                  out.add(
                      PolicySpec.newBuilder()
                          .setMcpAuthorization(new CelPolicyMapper(ctx).authorization(path, yaml))
                          .build()))
          .onRoute(RoutePoliciesYaml::mcpAuthorization);

  private AgentPolicyKinds() {}
}
