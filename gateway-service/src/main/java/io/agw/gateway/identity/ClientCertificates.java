package io.agw.gateway.identity;

import io.agw.gateway.identity.Caller.ClientCertificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.springframework.http.server.reactive.SslInfo;

/** Reads the identity fields of a verified client certificate. Stateless. */
final class ClientCertificates {

  private ClientCertificates() {}

  /** The leaf certificate's identity, or null without a client certificate. */
  static ClientCertificate of(SslInfo ssl) {
    if (ssl == null || ssl.getPeerCertificates() == null || ssl.getPeerCertificates().length == 0) {
      return null;
    }
    X509Certificate leaf = ssl.getPeerCertificates()[0];
    String subject = leaf.getSubjectX500Principal().getName();
    return new ClientCertificate(
        subject, leaf.getIssuerX500Principal().getName(), commonName(subject), altNames(leaf));
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
