package io.agw.gateway.mcp.openapi;

/**
 * The request body of an operation: the {@code body} argument, sent with {@code mediaType}.
 *
 * @param mediaType a JSON media type, {@code application/x-www-form-urlencoded} or {@code
 *     text/plain}
 * @param required whether the call is refused without a body
 */
public record BodyBinding(String mediaType, boolean required) {

  /** The tool argument that carries the request body. */
  public static final String ARGUMENT = "body";

  boolean json() {
    return OpenApiMediaTypes.isJson(mediaType);
  }
}
