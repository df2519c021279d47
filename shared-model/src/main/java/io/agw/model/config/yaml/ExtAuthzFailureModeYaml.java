package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import tools.jackson.databind.JsonNode;

/**
 * {@code extAuthz.failureMode}: {@code allow}, {@code deny}, or {@code {denyWithStatus: <code>}};
 * kept as written ({@code mode} is null for the object form) for the mapper to check.
 */
public record ExtAuthzFailureModeYaml(String mode, Long denyWithStatus) {

  /** Accepts a string or an object with {@code denyWithStatus}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ExtAuthzFailureModeYaml of(JsonNode node) {
    if (node.isString()) {
      return new ExtAuthzFailureModeYaml(node.stringValue(), null);
    }
    if (node.isObject() && node.size() == 1 && node.path("denyWithStatus").isIntegralNumber()) {
      return new ExtAuthzFailureModeYaml(null, node.path("denyWithStatus").longValue());
    }
    throw new IllegalArgumentException("must be allow, deny, or {denyWithStatus: <HTTP status>}");
  }
}
