package io.agw.model.config.yaml;

/** {@code frontendPolicies.tcp}: settings of accepted TCP connections. */
@AgentgatewayDefinition("FrontendTCP")
public record FrontendTcpYaml(TcpKeepaliveYaml keepalives) {}
