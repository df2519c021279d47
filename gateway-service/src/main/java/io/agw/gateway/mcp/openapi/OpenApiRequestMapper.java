package io.agw.gateway.mcp.openapi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a tool call (a {@link ToolBinding} and the client's arguments) to the HTTP request of its
 * operation. Pure and thread-safe.
 *
 * <p>Path parameters replace their {@code {name}} template variables, percent-encoded; query
 * parameters and cookies follow their OpenAPI style; the {@code body} argument is sent as JSON, as
 * a form or as text, per the media type chosen for the operation. A null argument counts as absent;
 * arguments the tool does not declare are ignored.
 */
public final class OpenApiRequestMapper {

  private static final JsonMapper JSON = JsonMapper.shared();

  private OpenApiRequestMapper() {}

  /** The request; a missing required argument is an {@link InvalidArgumentsException}. */
  public static HttpCall request(ToolBinding tool, Map<String, Object> arguments, String basePath) {
    Map<String, Object> args = arguments == null ? Map.of() : arguments;
    String path = tool.pathTemplate();
    List<String> query = new ArrayList<>();
    List<String> cookies = new ArrayList<>();
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (ParameterBinding p : tool.parameters()) {
      Object value = args.get(p.argument());
      if (value == null) {
        if (p.required()) {
          throw new InvalidArgumentsException("the argument '" + p.argument() + "' is required");
        }
        continue;
      }
      switch (p.location()) {
        case PATH -> path = path.replace("{" + p.name() + "}", pathValue(p, value));
        case QUERY -> query.addAll(ParameterEncoder.queryPairs(p, value));
        case HEADER -> headers.add(Map.entry(p.name(), headerValue(p, value)));
        case COOKIE -> cookies.addAll(ParameterEncoder.queryPairs(p, value));
      }
    }
    if (!cookies.isEmpty()) {
      headers.add(Map.entry("Cookie", String.join("; ", cookies)));
    }
    String body = null;
    String contentType = null;
    BodyBinding binding = tool.body();
    if (binding != null) {
      Object value = args.get(BodyBinding.ARGUMENT);
      if (value == null && binding.required()) {
        throw new InvalidArgumentsException(
            "the argument '" + BodyBinding.ARGUMENT + "' is required");
      }
      if (value != null) {
        body = body(binding, value);
        contentType = binding.mediaType();
      }
    }
    String pathAndQuery = basePath + path + (query.isEmpty() ? "" : "?" + String.join("&", query));
    return new HttpCall(tool.method(), pathAndQuery, headers, body, contentType);
  }

  /**
   * A path segment. "." and ".." would survive percent-encoding (dots are unreserved) and move the
   * request to another resource once the path is normalised, so they are refused.
   */
  private static String pathValue(ParameterBinding p, Object value) {
    String encoded = ParameterEncoder.pathValue(p, value);
    if (encoded.equals(".") || encoded.equals("..")) {
      throw new InvalidArgumentsException(
          "the argument '" + p.argument() + "' cannot be '" + encoded + "'");
    }
    return encoded;
  }

  /** A header value; line breaks would end the header and start another one. */
  private static String headerValue(ParameterBinding p, Object value) {
    String text = ParameterEncoder.headerValue(p, value);
    if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\0') >= 0) {
      throw new InvalidArgumentsException(
          "the argument '" + p.argument() + "' cannot contain line breaks");
    }
    return text;
  }

  private static String body(BodyBinding binding, Object value) {
    if (binding.json()) {
      return JSON.writeValueAsString(value);
    }
    if (binding.mediaType().equals(OpenApiMediaTypes.FORM)) {
      if (!(value instanceof Map<?, ?> map)) {
        throw new InvalidArgumentsException(
            "the argument '" + BodyBinding.ARGUMENT + "' must be an object (a form)");
      }
      List<String> pairs = new ArrayList<>();
      map.forEach(
          (k, v) -> {
            if (v != null) {
              pairs.add(form(String.valueOf(k)) + "=" + form(ParameterEncoder.scalar(v)));
            }
          });
      return String.join("&", pairs);
    }
    return ParameterEncoder.scalar(value);
  }

  private static String form(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The client's arguments cannot make a request; the message says which and why. */
  public static final class InvalidArgumentsException extends IllegalArgumentException {
    public InvalidArgumentsException(String message) {
      super(message);
    }
  }
}
