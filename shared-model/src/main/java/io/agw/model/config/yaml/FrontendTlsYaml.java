package io.agw.model.config.yaml;

import java.util.List;

/**
 * {@code frontendPolicies.tls}: the TLS of incoming connections. {@code alpn} lists protocol names
 * as bytes (agentgateway's form).
 */
@AgentgatewayDefinition("TLS")
public record FrontendTlsYaml(
    DurationYaml handshakeTimeout,
    List<List<Integer>> alpn,
    String minVersion,
    String maxVersion,
    List<String> cipherSuites,
    List<String> keyExchangeGroups) {}
