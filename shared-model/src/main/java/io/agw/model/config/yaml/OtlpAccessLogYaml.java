package io.agw.model.config.yaml;

/**
 * {@code frontendPolicies.accessLog.otlp} (agentgateway's {@code OtlpLoggingConfig}): the collector
 * that receives every logged request as an OpenTelemetry log record, given as {@code host} ({@code
 * host:port} or an {@code http://} / {@code https://} URL) or {@code backend} (a top-level backend
 * by name; {@code service} is read so the mapper can refuse it), the connection's {@code policies},
 * the OTLP {@code protocol} and HTTP {@code path}, and the records' own {@code filter} and {@code
 * fields} (each, when absent, the access log's).
 */
@AgentgatewayDefinition("OtlpLoggingConfig")
public record OtlpAccessLogYaml(
    String host,
    String backend,
    Object service,
    BackendPoliciesYaml policies,
    String filter,
    LoggingFieldsYaml fields,
    String protocol,
    String path) {}
