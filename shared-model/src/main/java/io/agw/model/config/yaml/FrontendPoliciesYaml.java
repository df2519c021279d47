package io.agw.model.config.yaml;

/** The top-level {@code frontendPolicies}: policies applying to all traffic. */
@AgentgatewayDefinition("LocalFrontendPolicies")
public record FrontendPoliciesYaml(
    AccessLogYaml accessLog,
    AccessLogYaml logging,
    FrontendHttpYaml http,
    FrontendTlsYaml tls,
    FrontendTcpYaml tcp,
    TracingPolicyYaml tracing) {

  /** The access-log policy, written as {@code accessLog} or its alias {@code logging}. */
  public AccessLogYaml accessLogPolicy() {
    return accessLog != null ? accessLog : logging;
  }
}
