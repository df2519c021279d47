package io.agw.model.config.mapping;

import io.agw.model.config.yaml.LlmPoliciesYaml;
import io.agw.model.config.yaml.RoutePoliciesYaml;
import io.agw.model.resource.v1.PolicySpec;
import java.util.List;

/**
 * The gateway fields and rate limits of {@code llm.policies} as policies of the shorthand's route,
 * mapped as a route's {@code policies} block maps them so each means what it means there.
 * agentgateway puts them on the route when the shorthand attaches to {@code gateways} and on the
 * listener the shorthand owns with {@code port}; that listener has only this route, so the two
 * behave alike. One instance per load.
 */
final class LlmGatewayPolicies {

  private final PolicyMapper policies;

  LlmGatewayPolicies(PolicyMapper policies) {
    this.policies = policies;
  }

  List<PolicySpec> map(String path, LlmPoliciesYaml yaml) {
    if (yaml == null) {
      return List.of();
    }
    RoutePoliciesYaml values =
        new RoutePolicyValues()
            .with("cors", yaml.cors())
            .with("oidc", yaml.oidc())
            .with("jwtAuth", yaml.jwtAuth())
            .with("basicAuth", yaml.basicAuth())
            .with("apiKey", yaml.apiKey())
            .with("extAuthz", yaml.extAuthz())
            .with("extProc", yaml.extProc())
            .with("authorization", yaml.authorization())
            .with("transformations", yaml.transformations())
            .with("localRateLimit", yaml.localRateLimit())
            .with("remoteRateLimit", yaml.remoteRateLimit())
            .build();
    return policies.route(path, values);
  }
}
