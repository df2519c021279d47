package io.agw.gateway.llm.wire;

import io.agw.gateway.json.ClientJson;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The JSON codec for the wire records of every dialect: unknown properties never fail (records keep
 * them in their {@code extra} map), nulls are omitted by the records' own annotations.
 *
 * <p>Thread-safe; one shared instance.
 */
public final class WireJson {

  private static final JsonMapper MAPPER =
      ClientJson.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private WireJson() {}

  /** The shared mapper. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** Reads {@code json} as {@code type}; throws {@code tools.jackson.core.JacksonException}. */
  public static <T> T read(String json, Class<T> type) {
    return MAPPER.readValue(json, type);
  }

  /** Reads {@code json} as a tree. */
  public static JsonNode tree(String json) {
    return MAPPER.readTree(json);
  }

  /** Writes {@code value} compactly. */
  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /** Converts a record to a tree. */
  public static JsonNode toTree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** The node factory, for building small trees (schemas, empty objects). */
  public static JsonNodeFactory nodes() {
    return MAPPER.getNodeFactory();
  }
}
