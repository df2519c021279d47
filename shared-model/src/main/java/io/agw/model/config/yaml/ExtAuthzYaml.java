package io.agw.model.config.yaml;

import java.util.List;

/**
 * The {@code extAuthz} policy (agentgateway's {@code ExtAuthz}): the authorization service ({@code
 * host}; {@code backend} and {@code service} are read so the mapper can refuse them with a reason),
 * how it is called ({@code protocol}), what it is sent ({@code includeRequestHeaders}, {@code
 * includeRequestBody}), what happens when it cannot answer ({@code failureMode}) and how long its
 * decisions are reused ({@code cache}). {@code policies} is read as written and refused by the
 * mapper.
 */
@AgentgatewayDefinition({"ExtAuthz", "LocalConditionalPolicies_ExtAuthz"})
public record ExtAuthzYaml(
    String host,
    String backend,
    Object service,
    BackendPoliciesYaml policies,
    ExtAuthzProtocolYaml protocol,
    ExtAuthzFailureModeYaml failureMode,
    List<String> includeRequestHeaders,
    ExtAuthzBodyYaml includeRequestBody,
    ExtAuthzCacheYaml cache) {}
