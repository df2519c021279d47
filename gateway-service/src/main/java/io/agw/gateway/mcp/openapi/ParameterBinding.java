package io.agw.gateway.mcp.openapi;

/**
 * Where one tool argument goes in the HTTP request.
 *
 * @param argument the property name in the tool's input schema
 * @param location path, query, header or cookie
 * @param name the parameter's name in the API (the path template variable, query key, header)
 * @param style the OpenAPI serialization style ({@code simple}, {@code form}, {@code deepObject},
 *     {@code spaceDelimited}, {@code pipeDelimited}), defaulted per location
 * @param explode whether arrays and objects are spread over several keys
 * @param required whether the call is refused without it
 */
public record ParameterBinding(
    String argument,
    Location location,
    String name,
    String style,
    boolean explode,
    boolean required) {

  /** The OpenAPI {@code in} of a parameter. */
  public enum Location {
    PATH,
    QUERY,
    HEADER,
    COOKIE;

    /** The style OpenAPI assumes when a parameter names none. */
    String defaultStyle() {
      return this == QUERY || this == COOKIE ? "form" : "simple";
    }
  }
}
