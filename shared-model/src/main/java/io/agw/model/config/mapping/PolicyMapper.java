package io.agw.model.config.mapping;

import io.agw.model.config.yaml.AiPolicyYaml;
import io.agw.model.config.yaml.BackendPoliciesYaml;
import io.agw.model.config.yaml.HealthYaml;
import io.agw.model.config.yaml.ListenerPoliciesYaml;
import io.agw.model.config.yaml.PoliciesYaml;
import io.agw.model.config.yaml.RoutePoliciesYaml;
import io.agw.model.resource.v1.PolicySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the inline {@code policies} of listeners, routes and backends to {@link PolicySpec}s by
 * asking every kind the {@link PolicyKindRegistry} has for the block in turn: one spec per policy
 * written (one per extension filter), in the registry's order.
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
    return map(path, yaml);
  }

  List<PolicySpec> route(String path, RoutePoliciesYaml yaml) {
    return map(path, yaml);
  }

  List<PolicySpec> backend(String path, BackendPoliciesYaml yaml) {
    if (yaml != null && yaml.get(AiBackendMapper.HEALTH.name(), HealthYaml.class) != null) {
      ctx.error(path + ".health", "health is supported on the providers of ai backends only");
    }
    routeOnlyAiFields(path, yaml);
    return map(path, yaml);
  }

  /** The policies of an {@code ai} provider; its {@code health} is mapped by the caller. */
  List<PolicySpec> aiProvider(String path, BackendPoliciesYaml yaml) {
    routeOnlyAiFields(path, yaml);
    return map(path, yaml);
  }

  /**
   * The model and the front door are decided before a provider is chosen, so a backend's {@code ai}
   * policy cannot change them.
   */
  private void routeOnlyAiFields(String path, BackendPoliciesYaml yaml) {
    AiPolicyYaml ai = yaml == null ? null : yaml.get("ai", AiPolicyYaml.class);
    if (ai != null && ai.modelAliases() != null) {
      ctx.error(path + ".ai.modelAliases", "modelAliases is supported in a route's ai policy only");
    }
    if (ai != null && ai.routes() != null) {
      ctx.error(path + ".ai.routes", "routes is supported in a route's ai policy only");
    }
  }

  private List<PolicySpec> map(String path, PoliciesYaml yaml) {
    List<PolicySpec> specs = new ArrayList<>();
    if (yaml != null) {
      for (PolicyKindMapping<?> kind : PolicyKindRegistry.in(yaml.block())) {
        Object value = yaml.values().get(kind.field());
        if (value != null) {
          kind.mapValue(ctx, path + "." + kind.field(), value, specs);
        }
      }
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
