package io.agw.gateway.mcp.openapi;

/** An OpenAPI document the gateway cannot turn into tools, with the reason for its operator. */
public final class OpenApiException extends IllegalArgumentException {

  public OpenApiException(String message) {
    super(message);
  }
}
