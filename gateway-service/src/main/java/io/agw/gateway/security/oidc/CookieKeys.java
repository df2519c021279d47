package io.agw.gateway.security.oidc;

import io.agw.model.config.GatewaySettings.SessionKey;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that seals oidc cookies, in this order: {@code OIDC_COOKIE_SECRET} (agentgateway's
 * variable, 64 hex digits), else the configuration file's {@code config.session.key} (read at use,
 * so a reload that changes it takes effect, and logs everyone out), else a random key made when the
 * process starts: cookies then survive neither a restart nor a hop to another replica, which is
 * logged once as a warning. Thread-safe.
 */
final class CookieKeys {

  private static final Logger log = LoggerFactory.getLogger(CookieKeys.class);

  private final SessionCipher fixed;
  private final Supplier<SessionKey> configured;
  private final SessionCipher random = new SessionCipher(SessionCipher.randomKey());
  private final AtomicBoolean warned = new AtomicBoolean();
  private volatile Cached cached;

  private record Cached(SessionKey key, SessionCipher cipher) {}

  /**
   * @param fixed the key from the environment (64 hex digits), or blank
   * @param configured the file's {@code config.session.key}, or null
   * @throws IllegalArgumentException when {@code fixed} is not 64 hex digits
   */
  CookieKeys(String fixed, Supplier<SessionKey> configured) {
    if (fixed == null || fixed.isBlank()) {
      this.fixed = null;
    } else if (!fixed.strip().matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(
          "OIDC_COOKIE_SECRET must be 64 hexadecimal digits (32 bytes, e.g. from `openssl rand"
              + " -hex 32`)");
    } else {
      this.fixed = new SessionCipher(HexFormat.of().parseHex(fixed.strip()));
    }
    this.configured = configured;
  }

  SessionCipher cipher() {
    if (fixed != null) {
      return fixed;
    }
    SessionKey key = configured.get();
    if (key == null) {
      if (warned.compareAndSet(false, true)) {
        log.warn(
            "oidc: no config.session.key or OIDC_COOKIE_SECRET is set; login cookies are sealed"
                + " with a random key of this process and are lost on restart and unknown to"
                + " other replicas");
      }
      return random;
    }
    Cached current = cached;
    if (current == null || !current.key().equals(key)) {
      current = new Cached(key, new SessionCipher(key.bytes()));
      cached = current;
    }
    return current.cipher();
  }
}
