package io.agw.gateway.mcp;

import io.agw.gateway.mcp.federation.SessionCodec;
import io.agw.model.config.GatewaySettings.SessionKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that seals MCP session ids, in this order: {@code agw.mcp.session-key} (base64 of 16, 24
 * or 32 bytes), else {@code SESSION_KEY} (agentgateway's variable, 64 hex digits), else the
 * configuration file's {@code config.session.key} (read at use, so a reload that changes it takes
 * effect and ends the sessions sealed with the old key), else none: ids are then only encoded, as
 * agentgateway's are without a key. Thread-safe.
 */
final class McpSessionKeys implements Supplier<SecretKeySpec> {

  private final SecretKeySpec fixed;
  private final Supplier<SessionKey> configured;
  private volatile Cached cached;

  private record Cached(SessionKey key, SecretKeySpec spec) {}

  /**
   * @param property {@code agw.mcp.session-key}, or blank
   * @param environment {@code SESSION_KEY}, or blank
   * @param configured the file's {@code config.session.key}, or null
   * @throws IllegalArgumentException when a given key is malformed (the message names the setting,
   *     never the key)
   */
  McpSessionKeys(String property, String environment, Supplier<SessionKey> configured) {
    if (property != null && !property.isBlank()) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(property.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("agw.mcp.session-key is not base64");
      }
      this.fixed = SessionCodec.aesKey(bytes);
    } else if (environment != null && !environment.isBlank()) {
      if (!environment.strip().matches("[0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException(
            "SESSION_KEY must be 64 hexadecimal digits (32 bytes, e.g. from `openssl rand -hex"
                + " 32`)");
      }
      this.fixed = SessionCodec.aesKey(HexFormat.of().parseHex(environment.strip()));
    } else {
      this.fixed = null;
    }
    this.configured = configured;
  }

  @Override
  public SecretKeySpec get() {
    if (fixed != null) {
      return fixed;
    }
    SessionKey key = configured.get();
    if (key == null) {
      return null;
    }
    Cached current = cached;
    if (current == null || !current.key().equals(key)) {
      current = new Cached(key, SessionCodec.aesKey(key.bytes()));
      cached = current;
    }
    return current.spec();
  }
}
