package io.agw.gateway.mcp.openapi;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps the API's HTTP response to the result of the tool call. Pure and thread-safe.
 *
 * <ul>
 *   <li>2xx: the body as text content; a JSON object body also as {@code structuredContent}; an
 *       image as image content; another binary body as a one-line note of its type and size.
 *   <li>Anything else: {@code isError: true}, with the status and the body in the text, so that the
 *       model can read why the API refused.
 * </ul>
 */
public final class OpenApiResultMapper {

  private static final JsonMapper JSON = JsonMapper.shared();

  private OpenApiResultMapper() {}

  public static CallToolResult result(int status, String contentType, byte[] body) {
    String type = contentType == null ? "" : OpenApiMediaTypes.base(contentType);
    boolean ok = status >= 200 && status < 300;
    if (!ok) {
      String text = "HTTP " + status + (body.length == 0 ? "" : ": " + describe(type, body));
      return CallToolResult.builder().addTextContent(text).isError(true).build();
    }
    if (body.length == 0) {
      return CallToolResult.builder()
          .addTextContent("HTTP " + status + " (no content)")
          .isError(false)
          .build();
    }
    if (type.startsWith("image/")) {
      return CallToolResult.builder()
          .addContent(new ImageContent(null, Base64.getEncoder().encodeToString(body), type))
          .isError(false)
          .build();
    }
    CallToolResult.Builder result =
        CallToolResult.builder().addTextContent(describe(type, body)).isError(false);
    if (OpenApiMediaTypes.isJson(type)) {
      Object parsed = parse(body);
      if (parsed instanceof Map<?, ?> object) {
        result.structuredContent(object);
      }
    }
    return result.build();
  }

  /** An error of the call itself (no response), as a tool error the model can read. */
  public static CallToolResult failure(String message) {
    return CallToolResult.builder()
        .content(List.of(new TextContent(message)))
        .isError(true)
        .build();
  }

  private static String describe(String type, byte[] body) {
    if (textual(type)) {
      return new String(body, StandardCharsets.UTF_8);
    }
    return "(" + body.length + " bytes of " + type + ")";
  }

  /** Types read as text; an unlabelled body is taken as text too, as most APIs send JSON. */
  private static boolean textual(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    return t.isEmpty()
        || t.startsWith("text/")
        || OpenApiMediaTypes.isJson(t)
        || t.endsWith("+xml")
        || t.equals("application/xml")
        || t.equals("application/x-www-form-urlencoded")
        || t.equals("application/javascript");
  }

  private static Object parse(byte[] body) {
    try {
      return JSON.readValue(body, Object.class);
    } catch (JacksonException e) {
      // A body labelled JSON that is not: the text content still carries it.
      return null;
    }
  }
}
