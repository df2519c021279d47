package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.resource.v1.TlsVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TLS versions and cipher suites as agentgateway names them ({@code TLSVersion}, {@code
 * CipherSuite} with its aliases), mapped to what the JDK's TLS accepts: versions 1.2 and 1.3, and
 * the IANA names of agentgateway's nine suites.
 */
final class TlsProtocols {

  /** Every accepted spelling, to its IANA name. */
  private static final Map<String, String> CIPHER_SUITES = new LinkedHashMap<>();

  static {
    suite("TLS_AES_256_GCM_SHA384", "TLS13_AES_256_GCM_SHA384");
    suite("TLS_AES_128_GCM_SHA256", "TLS13_AES_128_GCM_SHA256");
    suite("TLS_CHACHA20_POLY1305_SHA256", "TLS13_CHACHA20_POLY1305_SHA256");
    suite("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384");
    suite("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256");
    suite("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305");
    suite("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384");
    suite("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256");
    suite("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305");
  }

  private static void suite(String iana, String alias) {
    CIPHER_SUITES.put(iana, iana);
    CIPHER_SUITES.put(alias, iana);
  }

  private TlsProtocols() {}

  /** A version, or unspecified for null (with an error recorded for a refused value). */
  static TlsVersion version(MappingContext ctx, String path, String value) {
    if (value == null) {
      return TlsVersion.TLS_VERSION_UNSPECIFIED;
    }
    switch (value) {
      case "TLS_V1_2":
        return TlsVersion.TLS_V1_2;
      case "TLS_V1_3":
        return TlsVersion.TLS_V1_3;
      case "TLS_V1_0", "TLS_V1_1":
        ctx.error(
            path, "'" + value + "' is not supported; only TLS_V1_2 and TLS_V1_3 can be negotiated");
        return TlsVersion.TLS_VERSION_UNSPECIFIED;
      default:
        ctx.error(path, "unknown TLS version '" + value + "'; use TLS_V1_2 or TLS_V1_3");
        return TlsVersion.TLS_VERSION_UNSPECIFIED;
    }
  }

  /** Records an error when both bounds are set and the minimum is above the maximum. */
  static void checkRange(MappingContext ctx, String path, TlsVersion min, TlsVersion max) {
    if (min != TlsVersion.TLS_VERSION_UNSPECIFIED
        && max != TlsVersion.TLS_VERSION_UNSPECIFIED
        && min.getNumber() > max.getNumber()) {
      ctx.error(path, "the minimum TLS version " + min + " is above the maximum " + max);
    }
  }

  /** The IANA names of the listed suites, in the order given. */
  static List<String> cipherSuites(MappingContext ctx, String path, List<String> values) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list(values).size(); i++) {
      String iana = values.get(i) == null ? null : CIPHER_SUITES.get(values.get(i));
      if (iana == null) {
        ctx.error(
            path + "[" + i + "]",
            "unknown cipher suite '"
                + values.get(i)
                + "'; use one of "
                + String.join(", ", CIPHER_SUITES.values().stream().distinct().toList()));
      } else if (!out.contains(iana)) {
        out.add(iana);
      }
    }
    return out;
  }

  /**
   * agentgateway's key exchange group names ({@code KeyExchangeGroup}) to OpenSSL's, which the
   * gateway hands to BoringSSL.
   */
  private static final Map<String, String> KEY_EXCHANGE_GROUPS =
      Map.of(
          "X25519", "X25519",
          "P-256", "P-256",
          "P-384", "P-384",
          "X25519_MLKEM768", "X25519MLKEM768");

  /** The OpenSSL names of {@code values}, in order; unknown names are errors at their index. */
  static List<String> keyExchangeGroups(MappingContext ctx, String path, List<String> values) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list(values).size(); i++) {
      String name = values.get(i) == null ? null : KEY_EXCHANGE_GROUPS.get(values.get(i));
      if (name == null) {
        ctx.error(
            path + "[" + i + "]",
            "unknown key exchange group '"
                + values.get(i)
                + "'; use one of X25519, P-256, P-384, X25519_MLKEM768");
      } else if (!out.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /**
   * Refuses TLS 1.3 cipher suites next to key exchange groups: the groups need BoringSSL, which
   * always offers its three TLS 1.3 suites and cannot be restricted to some of them.
   */
  static void checkSuitesWithGroups(
      MappingContext ctx, String path, List<String> suites, List<String> groups) {
    if (!groups.isEmpty() && suites.stream().anyMatch(TlsProtocols::isTls13Suite)) {
      ctx.error(
          path + ".cipherSuites",
          "TLS 1.3 cipher suites cannot be restricted together with keyExchangeGroups (which"
              + " need BoringSSL: it always offers its three TLS 1.3 suites); list only TLS 1.2"
              + " suites or drop keyExchangeGroups");
    }
  }

  /** Whether an IANA suite name is one of TLS 1.3's (they name no key exchange). */
  static boolean isTls13Suite(String iana) {
    return !iana.contains("_WITH_");
  }
}
