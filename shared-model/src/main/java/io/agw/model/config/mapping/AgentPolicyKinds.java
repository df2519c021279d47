package io.agw.model.config.mapping;

import com.google.auto.service.AutoService;
import io.agw.model.config.yaml.A2aPolicyYaml;
import io.agw.model.config.yaml.AiPolicyYaml;
import io.agw.model.config.yaml.AuthorizationYaml;
import io.agw.model.config.yaml.BackendAuthYaml;
import io.agw.model.config.yaml.PolicyBlock;
import io.agw.model.resource.v1.A2aPolicy;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.util.List;

/**
 * The policy kinds of agent traffic: {@code a2a}, the LLM ones ({@code backendAuth}, {@code ai})
 * and {@code mcpAuthorization}. Each nested class is one kind, registered with the {@link
 * PolicyKindRegistry} by its annotation.
 */
final class AgentPolicyKinds {

  private static final PolicySpec A2A_SPEC =
      PolicySpec.newBuilder().setA2A(A2aPolicy.getDefaultInstance()).build();

  private AgentPolicyKinds() {}

  /** {@code a2a: {}} has no settings, so every occurrence maps to the same spec. */
  @AutoService(PolicyKindMapping.class)
  public static final class A2a extends PolicyKindMapping<A2aPolicyYaml> {
    public A2a() {
      super("a2a", KindCase.A2A, PolicyBlock.ROUTE, PolicyBlock.BACKEND);
    }

    @Override
    void map(MappingContext ctx, String path, A2aPolicyYaml yaml, List<PolicySpec> out) {
      out.add(A2A_SPEC);
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class BackendAuth extends PolicyKindMapping<BackendAuthYaml> {
    public BackendAuth() {
      // On a route it applies to each of the route's backends that sets none (agentgateway's
      // precedence: the backend reference's, then the route's, then the backend's own).
      super("backendAuth", KindCase.BACKEND_AUTH, PolicyBlock.ROUTE, PolicyBlock.BACKEND);
    }

    @Override
    void map(MappingContext ctx, String path, BackendAuthYaml yaml, List<PolicySpec> out) {
      new BackendAuthMapper(ctx)
          .backendAuth(path, yaml)
          .ifPresent(auth -> out.add(PolicySpec.newBuilder().setBackendAuth(auth).build()));
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class Ai extends PolicyKindMapping<AiPolicyYaml> {
    public Ai() {
      // On a backend, agentgateway prefers the backend's fields over the route's (the gateway
      // merges them).
      super("ai", KindCase.AI, PolicyBlock.ROUTE, PolicyBlock.BACKEND);
    }

    @Override
    void map(MappingContext ctx, String path, AiPolicyYaml yaml, List<PolicySpec> out) {
      out.add(PolicySpec.newBuilder().setAi(new AiPolicyMapper(ctx).policy(path, yaml)).build());
    }
  }

  @AutoService(PolicyKindMapping.class)
  public static final class McpAuthorization extends PolicyKindMapping<AuthorizationYaml> {
    public McpAuthorization() {
      super("mcpAuthorization", KindCase.MCP_AUTHORIZATION, PolicyBlock.ROUTE);
    }

    @Override
    void map(MappingContext ctx, String path, AuthorizationYaml yaml, List<PolicySpec> out) {
      out.add(
          PolicySpec.newBuilder()
              .setMcpAuthorization(new CelPolicyMapper(ctx).authorization(path, yaml))
              .build());
    }
  }
}
