package io.agw.model.config.mapping;

import io.agw.model.config.yaml.LlmPoliciesYaml;
import io.agw.model.config.yaml.RoutePoliciesYaml;
import io.agw.model.resource.v1.PolicySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway fields and rate limits of {@code llm.policies} as policies of the shorthand's route,
 * mapped as a route's {@code policies} block maps them so each means what it means there.
 * agentgateway puts them on the route when the shorthand attaches to {@code gateways} and on the
 * listener the shorthand owns with {@code port}; that listener has only this route, so the two
 * behave alike. {@code extProc} is refused by path. One instance per load.
 */
final class LlmGatewayPolicies {

  private final MappingContext ctx;
  private final PolicyMapper policies;

  LlmGatewayPolicies(MappingContext ctx, PolicyMapper policies) {
    this.ctx = ctx;
    this.policies = policies;
  }

  List<PolicySpec> map(String path, LlmPoliciesYaml yaml) {
    if (yaml == null) {
      return List.of();
    }
    refuse(path + ".extProc", yaml.extProc(), "extProc (external processing)");
    Map<String, Object> values = new LinkedHashMap<>();
    put(values, "cors", yaml.cors());
    put(values, "oidc", yaml.oidc());
    put(values, "jwtAuth", yaml.jwtAuth());
    put(values, "basicAuth", yaml.basicAuth());
    put(values, "apiKey", yaml.apiKey());
    put(values, "extAuthz", yaml.extAuthz());
    put(values, "authorization", yaml.authorization());
    put(values, "transformations", yaml.transformations());
    put(values, "localRateLimit", yaml.localRateLimit());
    put(values, "remoteRateLimit", yaml.remoteRateLimit());
    return policies.route(path, new RoutePoliciesYaml(values));
  }

  private void refuse(String path, Object value, String what) {
    if (value != null) {
      ctx.error(
          path,
          what
              + " in llm.policies is not supported yet (issue 17); use oidc, jwtAuth, basicAuth,"
              + " apiKey or extAuthz, with authorization");
    }
  }

  private static void put(Map<String, Object> values, String name, Object value) {
    if (value != null) {
      values.put(name, value);
    }
  }
}
