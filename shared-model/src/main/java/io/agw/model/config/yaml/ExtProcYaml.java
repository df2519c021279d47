package io.agw.model.config.yaml;

import java.util.Map;

/**
 * The {@code extProc} policy (agentgateway's {@code ExtProc}): the processing service ({@code
 * host}; {@code backend} and {@code service} are read so the mapper can refuse them with a reason),
 * what happens when it fails ({@code failureMode}: {@code failClosed}, the default, or {@code
 * failOpen}), what it is sent besides the exchange ({@code metadataContext}, {@code
 * requestAttributes}, {@code responseAttributes}: CEL) and which phases it sees ({@code
 * processingOptions}). {@code policies} is read as written and refused by the mapper.
 */
@AgentgatewayDefinition({"ExtProc", "LocalConditionalPolicies_ExtProc"})
public record ExtProcYaml(
    String host,
    String backend,
    Object service,
    BackendPoliciesYaml policies,
    String failureMode,
    Map<String, Map<String, String>> metadataContext,
    Map<String, String> requestAttributes,
    Map<String, String> responseAttributes,
    ExtProcOptionsYaml processingOptions) {}
