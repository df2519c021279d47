package io.agw.gateway.mcp.federation;

import io.agw.gateway.mcp.json.McpJson;
import io.agw.gateway.mcp.upstream.Resume;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's {@code Mcp-Session-Id}: the session's state written into the id itself, so that any
 * gateway replica can serve any session without shared storage. With a key (16, 24 or 32 bytes) the
 * state is sealed with AES-GCM, so a client can neither read nor forge it; without one it is only
 * base64url-encoded JSON. The key is asked for at each use, so a key that changes (a reload of
 * {@code config.session.key}) takes effect at once, ending the sessions sealed with the old one.
 * Thread-safe.
 */
public final class SessionCodec {

  /**
   * What a session id carries: the negotiated protocol version, a random nonce (the session's name
   * on a replica), what the client said of itself in {@code initialize} (so that another replica
   * can initialize a target for it anew), and the server session of each Streamable HTTP target (so
   * that another replica continues it).
   */
  public record Session(
      String protocolVersion,
      String nonce,
      Map<String, Object> capabilities,
      Map<String, Object> clientInfo,
      Map<String, Resume> upstream) {

    public Session {
      capabilities = capabilities == null ? Map.of() : capabilities;
      clientInfo = clientInfo == null ? Map.of() : clientInfo;
      upstream = upstream == null ? Map.of() : Map.copyOf(upstream);
    }

    public Session(String protocolVersion, String nonce) {
      this(protocolVersion, nonce, Map.of(), Map.of(), Map.of());
    }

    /** This session with the targets' server sessions. */
    public Session withUpstream(Map<String, Resume> upstream) {
      return new Session(protocolVersion, nonce, capabilities, clientInfo, upstream);
    }
  }

  private static final String SEALED = "s1.";
  private static final String PLAIN = "p1.";
  private static final int NONCE_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Supplier<SecretKeySpec> key;

  /** {@code key} may be null: ids are then readable (but still checked when read back). */
  public SessionCodec(byte[] key) {
    SecretKeySpec fixed = key == null ? null : aesKey(key);
    this.key = () -> fixed;
  }

  private SessionCodec(Supplier<SecretKeySpec> key) {
    this.key = key;
  }

  /** A codec whose {@code key} gives the current key, or null when ids are only encoded. */
  public static SessionCodec withKeys(Supplier<SecretKeySpec> key) {
    return new SessionCodec(key);
  }

  /**
   * {@code key} as an AES key.
   *
   * @throws IllegalArgumentException when it is not 16, 24 or 32 bytes long
   */
  public static SecretKeySpec aesKey(byte[] key) {
    if (key.length != 16 && key.length != 24 && key.length != 32) {
      throw new IllegalArgumentException(
          "an MCP session key is 16, 24 or 32 bytes (base64), not " + key.length);
    }
    return new SecretKeySpec(key, "AES");
  }

  /** A new session for {@code protocolVersion}. */
  public static Session newSession(String protocolVersion) {
    return newSession(protocolVersion, Map.of(), Map.of());
  }

  /** A new session for a client that declared {@code capabilities} and {@code clientInfo}. */
  public static Session newSession(
      String protocolVersion, Map<String, Object> capabilities, Map<String, Object> clientInfo) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    return new Session(
        protocolVersion,
        Base64.getUrlEncoder().withoutPadding().encodeToString(nonce),
        capabilities,
        clientInfo,
        Map.of());
  }

  public String encode(Session session) {
    // Short keys keep the id compact: it travels on every request.
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("v", session.protocolVersion());
    state.put("n", session.nonce());
    if (!session.capabilities().isEmpty()) {
      state.put("c", session.capabilities());
    }
    if (!session.clientInfo().isEmpty()) {
      state.put("i", session.clientInfo());
    }
    if (!session.upstream().isEmpty()) {
      Map<String, Object> upstream = new LinkedHashMap<>();
      session
          .upstream()
          .forEach(
              (t, r) ->
                  upstream.put(
                      t,
                      r.protocolVersion() == null
                          ? List.of(r.sessionId())
                          : List.of(r.sessionId(), r.protocolVersion())));
      state.put("u", upstream);
    }
    byte[] json = McpJson.write(state).getBytes(StandardCharsets.UTF_8);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    SecretKeySpec key = this.key.get();
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
    SecretKeySpec key = this.key.get();
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
      Map<String, Resume> upstream = new LinkedHashMap<>();
      McpJson.object(state.get("u"))
          .forEach(
              (t, v) -> {
                List<?> pair = (List<?>) v;
                upstream.put(
                    t,
                    new Resume(
                        (String) pair.get(0), pair.size() > 1 ? (String) pair.get(1) : null));
              });
      return Optional.of(
          new Session(
              version,
              nonce,
              McpJson.object(state.get("c")),
              McpJson.object(state.get("i")),
              upstream));
    } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
