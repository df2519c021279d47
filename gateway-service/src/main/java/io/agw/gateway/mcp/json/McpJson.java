package io.agw.gateway.mcp.json;

import io.agw.gateway.json.ClientJson;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON mapper of the MCP runtime (the SDK's Jackson 3 mapper) and small helpers over the
 * untyped maps the gateway keeps JSON-RPC params and results in, so that fields it does not know
 * survive. Thread-safe.
 */
public final class McpJson {

  /** The SDK's mapper, used for its JSON-RPC message types. */
  public static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(ClientJson.builder().build());

  private McpJson() {}

  /**
   * Parses one JSON-RPC message with the SDK.
   *
   * @throws IOException or IllegalArgumentException when {@code json} is not one
   */
  public static JSONRPCMessage parse(String json) throws IOException {
    try {
      return McpSchema.deserializeJsonRpcMessage(MAPPER, json);
    } catch (NullPointerException | ClassCastException e) {
      // The SDK reads the text as a map first: JSON null (no map) or a non-object fails here.
      throw new IllegalArgumentException("not a JSON-RPC message", e);
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code value} as a mutable JSON object; empty when it is not one. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Object value) {
    if (value instanceof Map<?, ?> map) {
      return new LinkedHashMap<>((Map<String, Object>) map);
    }
    if (value == null) {
      return new LinkedHashMap<>();
    }
    Map<String, Object> converted;
    try {
      converted = MAPPER.convertValue(value, Map.class);
    } catch (IllegalArgumentException notAnObject) {
      // A list or a scalar where an object belongs (say, an initialize with "capabilities": [1])
      // was a 500; the documented answer is an empty object.
      return new LinkedHashMap<>();
    }
    return converted == null ? new LinkedHashMap<>() : new LinkedHashMap<>(converted);
  }

  /** The array at {@code key}, or an empty list. */
  @SuppressWarnings("unchecked")
  public static List<Object> array(Map<String, Object> object, String key) {
    return object.get(key) instanceof List<?> list ? (List<Object>) list : List.of();
  }

  /** The string at {@code key}, or null. */
  public static String string(Map<String, Object> object, String key) {
    return object.get(key) instanceof String s ? s : null;
  }
}
