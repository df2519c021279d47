package io.agw.gateway.mcp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's {@code Mcp-Session-Id}: the session's state written into the id itself, so that any
 * gateway replica can serve any session without shared storage. With a key (16, 24 or 32 bytes) the
 * state is sealed with AES-GCM, so a client can neither read nor forge it; without one it is only
 * base64url-encoded JSON. Immutable and thread-safe.
 */
public final class SessionCodec {

  /** What a session id carries: the negotiated protocol version and a random session nonce. */
  public record Session(String protocolVersion, String nonce) {}

  private static final String SEALED = "s1.";
  private static final String PLAIN = "p1.";
  private static final int NONCE_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  /** {@code key} may be null: ids are then readable (but still checked when read back). */
  public SessionCodec(byte[] key) {
    if (key != null && key.length != 16 && key.length != 24 && key.length != 32) {
      throw new IllegalArgumentException(
          "an MCP session key is 16, 24 or 32 bytes (base64), not " + key.length);
    }
    this.key = key == null ? null : new SecretKeySpec(key, "AES");
  }

  /** A new session for {@code protocolVersion}. */
  public static Session newSession(String protocolVersion) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    return new Session(
        protocolVersion, Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
  }

  public String encode(Session session) {
    byte[] json =
        McpJson.write(Map.of("v", session.protocolVersion(), "n", session.nonce()))
            .getBytes(StandardCharsets.UTF_8);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    if (key == null) {
      return PLAIN + b64.encodeToString(json);
    }
    try {
      byte[] iv = new byte[NONCE_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(json);
      return SEALED
          + b64.encodeToString(
              ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The session of {@code id}, or empty when it is not an id this gateway (with its key) issued.
   */
  public Optional<Session> decode(String id) {
    if (id == null) {
      return Optional.empty();
    }
    try {
      byte[] json;
      if (key == null) {
        if (!id.startsWith(PLAIN)) {
          return Optional.empty();
        }
        json = Base64.getUrlDecoder().decode(id.substring(PLAIN.length()));
      } else {
        if (!id.startsWith(SEALED)) {
          return Optional.empty();
        }
        byte[] raw = Base64.getUrlDecoder().decode(id.substring(SEALED.length()));
        if (raw.length <= NONCE_BYTES) {
          return Optional.empty();
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, raw, 0, NONCE_BYTES));
        json = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
      }
      Map<String, Object> state = McpJson.object(McpJson.MAPPER.readValue(json, Map.class));
      String version = McpJson.string(state, "v");
      String nonce = McpJson.string(state, "n");
      if (version == null || nonce == null) {
        return Optional.empty();
      }
      return Optional.of(new Session(version, nonce));
    } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
