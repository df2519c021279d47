package io.agw.gateway.backendauth;

import com.google.protobuf.Value;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.agw.model.resource.v1.JwtSignAuth;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/**
 * {@code backendAuth.jwtSign}: signs a fresh JWT for every request with the configured private key
 * (Nimbus JOSE), carrying the static claims, {@code iat} ten seconds in the past (clock skew at the
 * receiver) and {@code exp} the ttl from now (300 s by default), with the {@code kid} header when
 * set. The key is parsed once, when the state is built. Immutable; thread-safe.
 */
final class JwtSigner {

  private static final Duration DEFAULT_TTL = Duration.ofSeconds(300);
  private static final Duration ISSUED_AT_BACKDATE = Duration.ofSeconds(10);

  private final JWSSigner signer;
  private final JWSHeader header;
  private final Map<String, Object> claims;
  private final Duration ttl;
  private final Clock clock;

  private JwtSigner(
      JWSSigner signer, JWSHeader header, Map<String, Object> claims, Duration ttl, Clock clock) {
    this.signer = signer;
    this.header = header;
    this.claims = claims;
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * @param pem the signing key: PKCS#8 ({@code BEGIN PRIVATE KEY}) for RSA or EC, or PKCS#1 ({@code
   *     BEGIN RSA PRIVATE KEY}) for RSA
   * @throws IllegalArgumentException when the key does not fit the algorithm or cannot be read
   */
  static JwtSigner of(JwtSignAuth config, String pem, Clock clock) {
    JWSAlgorithm alg = JWSAlgorithm.parse(config.getAlg().name());
    boolean ec = config.getAlg().name().startsWith("ES");
    PrivateKey key = PemKeys.privateKey(pem, ec ? "EC" : "RSA");
    JWSSigner signer;
    try {
      signer = ec ? new ECDSASigner((ECPrivateKey) key) : new RSASSASigner(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException(
          "jwtSign: the signing key cannot sign " + alg + ": " + e.getMessage());
    }
    if (!signer.supportedJWSAlgorithms().contains(alg)) {
      throw new IllegalArgumentException(
          "jwtSign: the signing key does not fit " + alg + " (an EC key's curve must match)");
    }
    JWSHeader.Builder header = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT);
    if (!config.getKid().isEmpty()) {
      header.keyID(config.getKid());
    }
    Map<String, Object> claims = new java.util.LinkedHashMap<>();
    config.getClaims().getFieldsMap().forEach((name, value) -> claims.put(name, plain(value)));
    Duration ttl =
        config.hasTtl()
            ? Duration.ofSeconds(config.getTtl().getSeconds(), config.getTtl().getNanos())
            : DEFAULT_TTL;
    JwtSigner built =
        new JwtSigner(
            signer, header.build(), java.util.Collections.unmodifiableMap(claims), ttl, clock);
    built.sign(); // a key that cannot sign refuses the state, not the first request
    return built;
  }

  /** A claim as JSON: integral numbers stay integers (a Struct holds every number as a double). */
  private static Object plain(Value value) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case NUMBER_VALUE -> {
        double d = value.getNumberValue();
        yield d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
      }
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case STRUCT_VALUE -> {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        value.getStructValue().getFieldsMap().forEach((k, v) -> m.put(k, plain(v)));
        yield m;
      }
      case LIST_VALUE ->
          value.getListValue().getValuesList().stream().map(JwtSigner::plain).toList();
    };
  }

  /** A newly signed token. */
  String sign() {
    Instant now = clock.instant();
    JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
    claims.forEach(set::claim);
    // Whole seconds, rounded up for exp, as NumericDate is.
    long nowSeconds = now.getEpochSecond();
    long ttlSeconds = ttl.getSeconds() + (ttl.getNano() > 0 ? 1 : 0);
    set.issueTime(new Date((nowSeconds - ISSUED_AT_BACKDATE.getSeconds()) * 1000));
    set.expirationTime(new Date((nowSeconds + ttlSeconds) * 1000));
    SignedJWT jwt = new SignedJWT(header, set.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("jwtSign: signing failed: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }

  @Override
  public String toString() {
    return "JwtSigner[" + header.getAlgorithm() + ", ttl " + ttl + "]";
  }

  /** Private keys from PEM text, without a PEM library. */
  static final class PemKeys {

    /** DER prefix that wraps a PKCS#1 RSA key into PKCS#8 (the length fields are patched). */
    private static final byte[] RSA_ALGORITHM_ID = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };

    private PemKeys() {}

    static PrivateKey privateKey(String pem, String algorithm) {
      String text = pem.strip();
      byte[] der;
      if (text.contains("-----BEGIN PRIVATE KEY-----")) {
        der = body(text, "PRIVATE KEY");
      } else if (text.contains("-----BEGIN RSA PRIVATE KEY-----") && algorithm.equals("RSA")) {
        der = pkcs1ToPkcs8(body(text, "RSA PRIVATE KEY"));
      } else {
        throw new IllegalArgumentException(
            "jwtSign: the signing key must be a PEM "
                + (algorithm.equals("RSA") ? "PKCS#8 or PKCS#1 RSA" : "PKCS#8 EC")
                + " private key (convert with: openssl pkcs8 -topk8 -nocrypt)");
      }
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(
            "jwtSign: the signing key is not a valid " + algorithm + " private key");
      }
    }

    private static byte[] body(String pem, String label) {
      int start = pem.indexOf("-----BEGIN " + label + "-----");
      int end = pem.indexOf("-----END " + label + "-----");
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("jwtSign: the signing key is not valid PEM");
      }
      String base64 =
          pem.substring(start + ("-----BEGIN " + label + "-----").length(), end)
              .replaceAll("\\s", "");
      try {
        return Base64.getDecoder().decode(base64);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("jwtSign: the signing key is not valid PEM");
      }
    }

    /**
     * PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier rsaEncryption, OCTET STRING }.
     */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
      byte[] version = {0x02, 0x01, 0x00};
      byte[] octets = concat(new byte[] {0x04}, length(pkcs1.length), pkcs1);
      byte[] content = concat(version, RSA_ALGORITHM_ID, octets);
      return concat(new byte[] {0x30}, length(content.length), content);
    }

    private static byte[] length(int n) {
      if (n < 0x80) {
        return new byte[] {(byte) n};
      }
      if (n < 0x100) {
        return new byte[] {(byte) 0x81, (byte) n};
      }
      if (n < 0x10000) {
        return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
      }
      return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }

    private static byte[] concat(byte[]... parts) {
      int size = 0;
      for (byte[] p : parts) {
        size += p.length;
      }
      byte[] out = new byte[size];
      int at = 0;
      for (byte[] p : parts) {
        System.arraycopy(p, 0, out, at, p.length);
        at += p.length;
      }
      return out;
    }
  }
}
