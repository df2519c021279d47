package io.agw.model.config.yaml;

import java.util.Map;

/**
 * The {@code config.tracing} block: where spans are exported (OTLP endpoint, path, protocol,
 * headers), which requests start or continue a trace ({@code randomSampling}, {@code
 * clientSampling}) and the server span's extra or removed attributes ({@code fields}).
 */
@AgentgatewayDefinition("RawTracing")
public record TracingYaml(
    String otlpEndpoint,
    Map<String, String> headers,
    String otlpProtocol,
    LoggingFieldsYaml fields,
    SamplingYaml randomSampling,
    SamplingYaml clientSampling,
    String path) {}
