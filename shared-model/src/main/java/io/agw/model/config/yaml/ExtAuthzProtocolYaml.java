package io.agw.model.config.yaml;

import java.util.List;
import java.util.Map;

/** How {@code extAuthz} calls its service: {@code grpc} (the default) or {@code http}; one of. */
@AgentgatewayDefinition("ExtAuthzProtocol")
public record ExtAuthzProtocolYaml(Grpc grpc, Http http) {

  /**
   * Envoy's {@code envoy.service.auth.v3.Authorization/Check}: static {@code context} (the check's
   * {@code context_extensions}) and CEL {@code metadata} (its {@code metadata_context}).
   */
  public record Grpc(Map<String, String> context, Map<String, String> metadata) {}

  /**
   * A plain HTTP request: CEL for its {@code path}, {@code body} and {@code addRequestHeaders}, a
   * CEL {@code redirect} for refusals, the service's headers to copy upstream ({@code
   * includeResponseHeaders}) and CEL {@code metadata} over the service's response.
   */
  public record Http(
      String path,
      String redirect,
      String body,
      List<String> includeResponseHeaders,
      Map<String, String> addRequestHeaders,
      Map<String, String> metadata) {}
}
