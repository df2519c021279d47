package io.agw.model.config.mapping;

import io.agw.model.config.yaml.BackendPoliciesYaml;
import io.agw.model.config.yaml.ListenerPoliciesYaml;
import io.agw.model.config.yaml.RoutePoliciesYaml;
import io.agw.model.resource.v1.PolicySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the inline {@code policies} of listeners, routes and backends to {@link PolicySpec}s by
 * asking every kind of {@link PolicyKinds#ALL} in turn: one spec per policy present (one per
 * extension filter), in the registry's order.
 */
final class PolicyMapper {

  private final MappingContext ctx;
  private final SecretMapper secrets;
  private final AiPolicyMapper ai;

  PolicyMapper(MappingContext ctx) {
    this.ctx = ctx;
    this.secrets = new SecretMapper(ctx);
    this.ai = new AiPolicyMapper(ctx);
  }

  List<PolicySpec> listener(String path, ListenerPoliciesYaml yaml) {
    List<PolicySpec> specs = new ArrayList<>();
    if (yaml != null) {
      PolicyKinds.ALL.forEach(kind -> kind.fromListener(ctx, path, yaml, specs));
    }
    return specs;
  }

  List<PolicySpec> route(String path, RoutePoliciesYaml yaml) {
    List<PolicySpec> specs = new ArrayList<>();
    if (yaml != null) {
      PolicyKinds.ALL.forEach(kind -> kind.fromRoute(ctx, path, yaml, specs));
    }
    return specs;
  }

  List<PolicySpec> backend(String path, BackendPoliciesYaml yaml) {
    if (yaml != null && yaml.health() != null) {
      ctx.error(path + ".health", "health is supported on the providers of ai backends only");
    }
    return backendPolicies(path, yaml);
  }

  /** The policies of an {@code ai} provider; its {@code health} is mapped by the caller. */
  List<PolicySpec> aiProvider(String path, BackendPoliciesYaml yaml) {
    return backendPolicies(path, yaml);
  }

  private List<PolicySpec> backendPolicies(String path, BackendPoliciesYaml yaml) {
    List<PolicySpec> specs = new ArrayList<>();
    if (yaml != null) {
      PolicyKinds.ALL.forEach(kind -> kind.fromBackend(ctx, path, yaml, specs));
    }
    return specs;
  }

  /** The {@code ai} policy mapper, for the {@code llm} shorthand's per-model settings. */
  AiPolicyMapper ai() {
    return ai;
  }

  /** The secret mapper, for the {@code llm} shorthand's API keys. */
  SecretMapper secrets() {
    return secrets;
  }
}
