package io.agw.control.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.agw.model.resource.v1.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads one data entry of an API key Secret or ConfigMap, as agentgateway does: a value that does
 * not start with {@code {} (after surrounding blanks) is the raw key, taken as it is; otherwise a
 * JSON object with exactly one of {@code key} and {@code keyHash} ({@code sha256:<64 hex>}) and an
 * optional {@code metadata} object. Unknown fields are ignored. A raw key becomes its SHA-256 (the
 * gateway compares hashes anyway), so keys never travel in xDS or show in a config dump. Problems
 * never quote the value: only the entry's name and what is wrong. Pure; thread-safe.
 */
final class ApiKeyEntry {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern KEY_HASH = Pattern.compile("sha256:[0-9a-fA-F]{64}");

  /** What one entry gave: a key for the gateway, or a problem. */
  sealed interface Parsed {}

  /** A usable key (hashed); {@link #toString()} names no secret. */
  record Key(ApiKey key) implements Parsed {
    @Override
    public String toString() {
      return "Key[sha256:" + key.getSha256().substring(0, 12) + "]";
    }
  }

  /** Why the entry cannot be used, without its value. */
  record Problem(String message) implements Parsed {}

  private ApiKeyEntry() {}

  /**
   * @param rawAllowed false for ConfigMaps, which are not confidential: only {@code keyHash}
   */
  static Parsed parse(String value, boolean rawAllowed) {
    String trimmed = value == null ? "" : value.strip();
    if (trimmed.isEmpty()) {
      return new Problem("empty value");
    }
    if (trimmed.charAt(0) != '{') {
      if (!rawAllowed) {
        return rawInConfigMap();
      }
      return new Key(ApiKey.newBuilder().setSha256(sha256(value)).build());
    }
    JsonNode node;
    try {
      node = JSON.readTree(trimmed);
    } catch (JsonProcessingException e) {
      // The parser's message quotes the text, which may be the key: never pass it on.
      return new Problem("not a valid JSON object");
    }
    if (node == null || !node.isObject()) {
      return new Problem("not a valid JSON object");
    }
    JsonNode key = present(node.get("key"));
    JsonNode keyHash = present(node.get("keyHash"));
    if ((key == null) == (keyHash == null)) {
      return new Problem("exactly one of key or keyHash must be set");
    }
    ApiKey.Builder b = ApiKey.newBuilder();
    if (key != null) {
      if (!key.isTextual()) {
        return new Problem("key must be a string");
      }
      if (!rawAllowed) {
        return rawInConfigMap();
      }
      b.setSha256(sha256(key.textValue()));
    } else if (!keyHash.isTextual() || !KEY_HASH.matcher(keyHash.textValue()).matches()) {
      return new Problem("keyHash must be sha256: followed by 64 hex digits");
    } else {
      b.setSha256(keyHash.textValue().substring("sha256:".length()).toLowerCase(Locale.ROOT));
    }
    JsonNode metadata = present(node.get("metadata"));
    if (metadata != null) {
      if (!metadata.isObject()) {
        return new Problem("metadata must be a JSON object");
      }
      try {
        Value.Builder v = Value.newBuilder();
        JsonFormat.parser().merge(metadata.toString(), v);
        b.setMetadata(v);
      } catch (InvalidProtocolBufferException e) {
        return new Problem("metadata must be a JSON object");
      }
    }
    return new Key(b.build());
  }

  private static Problem rawInConfigMap() {
    return new Problem(
        "keys sourced from a ConfigMap must use keyHash, not a raw key, since ConfigMaps are not"
            + " confidential");
  }

  /** JSON null and the empty string count as unset, as in agentgateway (Go's zero values). */
  private static JsonNode present(JsonNode node) {
    if (node == null || node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
      return null;
    }
    return node;
  }

  static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
