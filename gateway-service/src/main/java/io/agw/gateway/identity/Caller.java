package io.agw.gateway.identity;

import java.util.List;
import java.util.Map;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who is calling, as established by the authentication policies of the route and the listener's
 * TLS: each part is null when that mechanism did not identify the caller. Immutable; an
 * authentication filter replaces the exchange's caller with a copy that has its part set.
 *
 * @param jwt the verified token's claims
 * @param apiKey the matched API key (its value is never logged)
 * @param basicUser the user name of valid basic credentials
 * @param certificate the verified client certificate (mTLS)
 */
public record Caller(
    JwtIdentity jwt, ApiKeyIdentity apiKey, String basicUser, ClientCertificate certificate) {

  /** The exchange attribute holding the caller. */
  public static final String ATTRIBUTE = Caller.class.getName();

  public static final Caller ANONYMOUS = new Caller(null, null, null, null);

  /**
   * The exchange's caller, never null; on first use it carries the client certificate that the
   * listener verified (mTLS), if any.
   */
  public static Caller of(ServerWebExchange exchange) {
    Caller caller = exchange.getAttribute(ATTRIBUTE);
    if (caller == null) {
      caller =
          new Caller(null, null, null, ClientCertificates.of(exchange.getRequest().getSslInfo()));
      exchange.getAttributes().put(ATTRIBUTE, caller);
    }
    return caller;
  }

  public Caller withJwt(JwtIdentity value) {
    return new Caller(value, apiKey, basicUser, certificate);
  }

  public Caller withApiKey(ApiKeyIdentity value) {
    return new Caller(jwt, value, basicUser, certificate);
  }

  public Caller withBasicUser(String value) {
    return new Caller(jwt, apiKey, value, certificate);
  }

  public Caller withCertificate(ClientCertificate value) {
    return new Caller(jwt, apiKey, basicUser, value);
  }

  /**
   * A verified JWT.
   *
   * @param claims the token's claims as JSON-like values (strings, numbers, booleans, lists, maps)
   * @param rawToken the compact token, for CEL's {@code jwt.rawToken}; never logged
   */
  public record JwtIdentity(Map<String, Object> claims, String rawToken) {

    public String subject() {
      Object sub = claims.get("sub");
      return sub == null ? null : sub.toString();
    }

    public String issuer() {
      Object iss = claims.get("iss");
      return iss == null ? null : iss.toString();
    }
  }

  /**
   * A matched API key.
   *
   * @param key the presented key, for CEL's {@code apiKey.key}; never logged
   * @param id the key's identifier, never secret: a virtual key's id, or {@code sha256:} and the
   *     first 12 hex digits of a configured key's hash; budgets, usage records and the {@code key}
   *     tag of cost metrics name keys by it
   * @param metadata the key's configured metadata (JSON-like values), empty if none
   * @param allowedModels model patterns the key may use, or null for any
   */
  public record ApiKeyIdentity(
      String key, String id, Map<String, Object> metadata, List<String> allowedModels) {}

  /**
   * A client certificate verified by the listener's client CA.
   *
   * @param subject the subject distinguished name
   * @param issuer the issuer distinguished name
   * @param subjectCn the subject's common name, or null
   * @param subjectAltNames DNS names, URIs, IP addresses and e-mail addresses, as strings
   * @param spiffeId the first {@code spiffe://} URI SAN, or null
   * @param fingerprint the SHA-256 of the DER encoding, lower-case hex without separators
   * @param pem the certificate in PEM form
   */
  public record ClientCertificate(
      String subject,
      String issuer,
      String subjectCn,
      List<String> subjectAltNames,
      String spiffeId,
      String fingerprint,
      String pem) {}
}
