package io.agw.model.config.yaml;

import java.util.List;

/** Server TLS of a listener: file paths, relative to the configuration file. */
@AgentgatewayDefinition("LocalTLSServerConfig")
public record ListenerTlsYaml(
    String cert,
    String key,
    String root,
    List<String> cipherSuites,
    String minTLSVersion,
    String minTlsVersion,
    String maxTLSVersion,
    String maxTlsVersion,
    List<String> keyExchangeGroups) {}
