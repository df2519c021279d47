package io.agw.model.config.yaml;

import java.util.List;
import java.util.Map;

/**
 * {@code frontendPolicies.tracing} (agentgateway's {@code TracingConfig}, of which {@code
 * config.tracing} is the older form): the collector as {@code host} ({@code host:port} or an {@code
 * http://} / {@code https://} URL) or {@code backend} (a top-level backend by name; {@code service}
 * is read so the mapper can refuse it), the connection's {@code policies}, the OTLP {@code
 * protocol} and HTTP {@code path}, span {@code attributes} (name to CEL) and {@code remove}, OTel
 * {@code resources} (name to CEL, evaluated once at startup), the two sampling settings and {@code
 * filter} (CEL: which sampled requests' spans are exported).
 */
@AgentgatewayDefinition("TracingConfig")
public record TracingPolicyYaml(
    String host,
    String backend,
    Object service,
    BackendPoliciesYaml policies,
    String protocol,
    String path,
    Map<String, String> attributes,
    Map<String, String> resources,
    List<String> remove,
    SamplingYaml randomSampling,
    SamplingYaml clientSampling,
    String filter) {

  /**
   * The same settings in {@code config.tracing}'s shape, with the collector at {@code endpoint}
   * ({@code scheme://host:port}, resolved from {@code host} or {@code backend}; null when neither
   * resolves) and the attributes as {@code fields.add}.
   */
  public TracingYaml asTracing(String endpoint) {
    return new TracingYaml(
        endpoint,
        null,
        protocol,
        new LoggingFieldsYaml(attributes, remove),
        randomSampling,
        clientSampling,
        path);
  }
}
