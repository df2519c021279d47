package io.agw.model.config.yaml;

/** Where a credential is read from: exactly one of the four. */
@AgentgatewayDefinition("AuthorizationLocation")
public record AuthLocationYaml(
    HeaderLocation header, NamedLocation queryParameter, NamedLocation cookie, String expression) {

  /** A request header, with an optional prefix to remove (such as {@code "Bearer "}). */
  public record HeaderLocation(String name, String prefix) {}

  /** A query parameter or cookie, by name. */
  public record NamedLocation(String name) {}
}
