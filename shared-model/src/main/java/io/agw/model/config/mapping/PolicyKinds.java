package io.agw.model.config.mapping;

import java.util.List;

/**
 * Every policy kind the configuration file knows, in the order their specs are emitted for a
 * listener, route or backend block. The order is part of the output (it is the order of the
 * resource's policies, and extension filters are ordered among themselves by position), so a new
 * kind is appended where it belongs rather than sorted.
 */
final class PolicyKinds {

  static final List<PolicyKindMapping<?>> ALL =
      List.of(
          TrafficPolicyKinds.REQUEST_HEADER_MODIFIER,
          TrafficPolicyKinds.RESPONSE_HEADER_MODIFIER,
          TrafficPolicyKinds.REQUEST_REDIRECT,
          TrafficPolicyKinds.URL_REWRITE,
          TrafficPolicyKinds.DIRECT_RESPONSE,
          TrafficPolicyKinds.CORS,
          TrafficPolicyKinds.TIMEOUT,
          TrafficPolicyKinds.RETRY,
          TrafficPolicyKinds.BUFFER,
          TrafficPolicyKinds.BACKEND_TLS,
          AgentPolicyKinds.A2A,
          AgentPolicyKinds.BACKEND_AUTH,
          AgentPolicyKinds.AI,
          SecurityPolicyKinds.JWT_AUTH,
          SecurityPolicyKinds.API_KEY,
          SecurityPolicyKinds.BASIC_AUTH,
          SecurityPolicyKinds.AUTHORIZATION,
          SecurityPolicyKinds.TRANSFORMATIONS,
          SecurityPolicyKinds.LOCAL_RATE_LIMIT,
          SecurityPolicyKinds.REMOTE_RATE_LIMIT,
          AgentPolicyKinds.MCP_AUTHORIZATION,
          McpAuthenticationMapper.KIND,
          TrafficPolicyKinds.FILTERS);

  private PolicyKinds() {}
}
