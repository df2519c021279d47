package io.agw.model.config.yaml;

/** The top-level {@code frontendPolicies}: policies applying to all traffic. */
@AgentgatewayDefinition("LocalFrontendPolicies")
public record FrontendPoliciesYaml(
    AccessLogYaml accessLog, FrontendHttpYaml http, FrontendTlsYaml tls, FrontendTcpYaml tcp) {}
