package io.agw.model.config.yaml;

import java.util.List;

/** The top-level {@code config} block. */
@AgentgatewayDefinition("RawConfig")
public record SettingsYaml(
    String gateway,
    String namespace,
    List<ModelCatalogSourceYaml> modelCatalog,
    StandardAttributesYaml standardAttributes,
    DatabaseYaml database,
    StorageYaml storage,
    LoggingYaml logging,
    String customFunctions,
    TracingYaml tracing,
    MetricsYaml metrics,
    SessionYaml session,
    String adminAddr,
    String statsAddr,
    String readinessAddr,
    DurationYaml connectionTerminationDeadline,
    DurationYaml connectionMinTerminationDeadline,
    StringOrIntYaml workerThreads,
    Boolean enableIpv6,
    DnsYaml dns,
    BackendSettingsYaml backend,
    String histograms,
    String localXdsPath,
    McpSettingsYaml mcp,
    List<String> sensitiveHeaders) {}
