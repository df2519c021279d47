package io.agw.gateway.backend;

import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * {@code backendTLS.subjectAltNames}: a backend's certificate chain is verified against the trust
 * roots as usual, and its leaf must then carry one of the listed names instead of the host name the
 * gateway connected to (agentgateway's {@code AltHostnameVerifier}). A listed name matches a DNS
 * name of the certificate (a {@code *.} wildcard in the certificate covers one label), an IP
 * address, or a URI such as a SPIFFE ID, exactly. The engine's own host name check must be off.
 * Thread-safe.
 */
final class SubjectAltNameTrustManager extends X509ExtendedTrustManager {

  private static final int DNS = 2;
  private static final int URI = 6;
  private static final int IP = 7;

  private final X509TrustManager roots;
  private final List<String> names;

  SubjectAltNameTrustManager(X509TrustManager roots, List<String> names) {
    this.roots = roots;
    this.names = List.copyOf(names);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    roots.checkServerTrusted(chain, authType);
    checkNames(chain[0]);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  private void checkNames(X509Certificate leaf) throws CertificateException {
    Collection<List<?>> sans;
    try {
      sans = leaf.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new CertificateException("the backend certificate's subject alternative names", e);
    }
    if (sans != null) {
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        String value = String.valueOf(san.get(1));
        for (String name : names) {
          if (matches(type, value, name)) {
            return;
          }
        }
      }
    }
    throw new CertificateException(
        "the backend certificate has none of the subject alternative names " + names);
  }

  private static boolean matches(int type, String value, String name) {
    return switch (type) {
      case DNS -> dnsMatches(value.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
      case URI -> value.equals(name);
      case IP -> sameAddress(value, name);
      default -> false;
    };
  }

  private static boolean dnsMatches(String certified, String name) {
    if (certified.startsWith("*.")) {
      int dot = name.indexOf('.');
      return dot > 0 && name.substring(dot).equals(certified.substring(1));
    }
    return certified.equals(name);
  }

  private static boolean sameAddress(String certified, String name) {
    if (!looksLikeAddress(name)) {
      return false;
    }
    try {
      // Both are literals: no lookup happens.
      return InetAddress.getByName(certified).equals(InetAddress.getByName(name));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean looksLikeAddress(String name) {
    return name.contains(":") || name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a backend trust manager does not check clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return roots.getAcceptedIssuers();
  }
}
