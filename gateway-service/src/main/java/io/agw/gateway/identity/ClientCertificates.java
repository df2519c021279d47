package io.agw.gateway.identity;

import io.agw.gateway.identity.Caller.ClientCertificate;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.springframework.http.server.reactive.SslInfo;

/**
 * Reads the identity fields of the client certificate that the listener verified during the TLS
 * handshake (listeners with {@code tls.root} require one). Stateless.
 */
final class ClientCertificates {

  private ClientCertificates() {}

  /** The leaf certificate's identity, or null without a client certificate. */
  static ClientCertificate of(SslInfo ssl) {
    if (ssl == null || ssl.getPeerCertificates() == null || ssl.getPeerCertificates().length == 0) {
      return null;
    }
    return of(ssl.getPeerCertificates()[0]);
  }

  static ClientCertificate of(X509Certificate leaf) {
    String subject = leaf.getSubjectX500Principal().getName();
    List<String> altNames = altNames(leaf);
    String spiffeId =
        altNames.stream().filter(n -> n.startsWith("spiffe://")).findFirst().orElse(null);
    byte[] der;
    try {
      der = leaf.getEncoded();
    } catch (CertificateEncodingException e) {
      // A certificate the handshake accepted is encodable; without DER there is no fingerprint.
      der = null;
    }
    return new ClientCertificate(
        subject,
        leaf.getIssuerX500Principal().getName(),
        commonName(subject),
        altNames,
        spiffeId,
        der == null ? null : sha256(der),
        der == null ? null : pem(der));
  }

  private static String sha256(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String pem(byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
  }

  private static String commonName(String dn) {
    try {
      for (Rdn rdn : new LdapName(dn).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return null;
  }

  private static List<String> altNames(X509Certificate cert) {
    List<String> names = new ArrayList<>();
    try {
      var sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2 && san.get(1) instanceof String value) {
            names.add(value);
          }
        }
      }
    } catch (CertificateParsingException e) {
      return List.of();
    }
    return List.copyOf(names);
  }
}
