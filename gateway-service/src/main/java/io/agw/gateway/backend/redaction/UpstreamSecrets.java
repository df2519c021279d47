package io.agw.gateway.backend.redaction;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * The credentials the gateway sent upstream on an exchange (an LLM provider's, or a backend's
 * {@code backendAuth}), kept as an exchange attribute so that whatever the provider answers can be
 * cleaned of them ({@link SecretRedactingResponse}). They are read from the request itself: every
 * header the provider's credentials set or changed (a static key, a Bedrock or Azure key, a Google
 * or Copilot access token the gateway minted, a custom provider's own header), so a new kind of
 * credentials is covered without being listed here. AWS SigV4's per-request signature and dates are
 * not secrets and are left out; its session token is kept. Stateless.
 */
public final class UpstreamSecrets {

  /** The exchange attribute holding the {@link SecretRedactor} of the attempts so far. */
  public static final String ATTRIBUTE = UpstreamSecrets.class.getName();

  private UpstreamSecrets() {}

  /** A copy of {@code headers} before the credentials are applied. */
  public static HttpHeaders before(HttpHeaders headers) {
    HttpHeaders copy = new HttpHeaders();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return copy;
  }

  /**
   * Adds the secrets that the credentials put into {@code after} (compared with {@code before}) to
   * the exchange's redactor; earlier attempts' secrets stay.
   */
  public static void record(Map<String, Object> attributes, HttpHeaders before, HttpHeaders after) {
    List<String> secrets = new ArrayList<>();
    after.forEach(
        (name, values) -> {
          if (values.equals(before.get(name)) || isNotSecret(name)) {
            return;
          }
          for (String value : values) {
            addValue(value, secrets);
          }
        });
    if (secrets.isEmpty()) {
      return;
    }
    attributes.merge(
        ATTRIBUTE,
        SecretRedactor.of(secrets),
        (old, added) -> ((SecretRedactor) old).and((SecretRedactor) added));
  }

  /** The redactor for the exchange's attributes; {@link SecretRedactor#NONE} when none was sent. */
  public static SecretRedactor of(Map<String, Object> attributes) {
    Object redactor = attributes.get(ATTRIBUTE);
    return redactor instanceof SecretRedactor r ? r : SecretRedactor.NONE;
  }

  private static boolean isNotSecret(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.startsWith("x-amz-") && !lower.equals("x-amz-security-token");
  }

  private static void addValue(String value, List<String> secrets) {
    if (value == null || value.startsWith("AWS4-")) {
      return;
    }
    secrets.add(value);
    int space = value.indexOf(' ');
    if (space > 0) {
      // "Bearer <token>", "Basic <user:password in base64>", a custom prefix.
      String credential = value.substring(space + 1).strip();
      secrets.add(credential);
      if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
        try {
          String decoded = new String(Base64.getDecoder().decode(credential));
          secrets.add(decoded.substring(decoded.indexOf(':') + 1));
        } catch (IllegalArgumentException e) {
          // Not base64: the raw value is redacted already.
        }
      }
    }
  }
}
