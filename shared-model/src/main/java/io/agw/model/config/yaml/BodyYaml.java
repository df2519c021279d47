package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.google.protobuf.ByteString;
import tools.jackson.databind.JsonNode;

/** Response body bytes, written as a string (UTF-8) or as a list of byte values 0..255. */
public record BodyYaml(ByteString bytes) {

  /** Accepts the two YAML forms. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static BodyYaml of(JsonNode node) {
    if (node.isString()) {
      return new BodyYaml(ByteString.copyFromUtf8(node.stringValue()));
    }
    if (node.isArray()) {
      byte[] bytes = new byte[node.size()];
      for (int i = 0; i < bytes.length; i++) {
        JsonNode b = node.get(i);
        if (!b.isIntegralNumber() || b.asInt() < 0 || b.asInt() > 255) {
          throw new IllegalArgumentException("body[" + i + "] must be a byte value from 0 to 255");
        }
        bytes[i] = (byte) b.asInt();
      }
      return new BodyYaml(ByteString.copyFrom(bytes));
    }
    throw new IllegalArgumentException("body must be a string or a list of byte values");
  }
}
