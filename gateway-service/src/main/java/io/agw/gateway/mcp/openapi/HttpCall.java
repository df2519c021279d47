package io.agw.gateway.mcp.openapi;

import java.util.List;
import java.util.Map;

/**
 * The HTTP request one tool call makes.
 *
 * @param method upper-case HTTP method
 * @param pathAndQuery the encoded path (base path included) and query string
 * @param headers header name and value pairs, in order (a name may repeat)
 * @param body the encoded request body, or null for none
 * @param contentType the body's media type, or null for none
 */
public record HttpCall(
    String method,
    String pathAndQuery,
    List<Map.Entry<String, String>> headers,
    String body,
    String contentType) {

  public HttpCall {
    headers = List.copyOf(headers);
  }
}
