package io.agw.model.config.yaml;

import java.util.List;

/** TLS towards a backend; file paths are relative to the configuration file. */
@AgentgatewayDefinition("LocalBackendTLS")
public record BackendTlsYaml(
    String cert,
    String key,
    String root,
    String hostname,
    Boolean insecure,
    Boolean insecureHost,
    List<String> alpn,
    List<String> subjectAltNames,
    List<String> keyExchangeGroups) {}
