package io.agw.model.config.yaml;

import java.util.List;
import java.util.Map;

/**
 * {@code frontendPolicies.tracing} (agentgateway's {@code TracingConfig}, of which {@code
 * config.tracing} is the older form): the collector as {@code host} ({@code host:port}), the OTLP
 * {@code protocol} and HTTP {@code path}, span {@code attributes} (name to CEL) and {@code remove},
 * OTel {@code resources} (name to CEL, evaluated once at startup) and the two sampling settings.
 * The collector given as {@code service} or {@code backend}, backend {@code policies} and {@code
 * filter} are not supported yet (refused as fields this record lacks).
 */
@AgentgatewayDefinition("TracingConfig")
public record TracingPolicyYaml(
    String host,
    String protocol,
    String path,
    Map<String, String> attributes,
    Map<String, String> resources,
    List<String> remove,
    SamplingYaml randomSampling,
    SamplingYaml clientSampling) {

  /**
   * The same settings in {@code config.tracing}'s shape: the collector at {@code http://host}, the
   * attributes as {@code fields.add}.
   */
  public TracingYaml asTracing() {
    return new TracingYaml(
        host == null ? null : "http://" + host.trim(),
        null,
        protocol,
        new LoggingFieldsYaml(attributes, remove),
        randomSampling,
        clientSampling,
        path);
  }
}
