package io.agw.model.config.yaml;

/** Server TLS of a listener: file paths, relative to the configuration file. */
@AgentgatewayDefinition("LocalTLSServerConfig")
public record ListenerTlsYaml(String cert, String key, String root) {}
