package io.agw.gateway.backend;

import io.agw.model.resource.v1.BackendTls;
import io.agw.model.resource.v1.DataSource;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import reactor.netty.http.client.HttpClient;

/**
 * HTTP clients for backends: the gateway's shared client for plain HTTP, and one client per
 * distinct {@code backendTLS} setting, all sharing the gateway's connection pools. Clients are
 * cached across states so a reload does not drop pooled connections. Thread-safe.
 */
public final class BackendClients {

  private final HttpClient plain;
  private final Map<BackendTls, HttpClient> secured = new ConcurrentHashMap<>();

  public BackendClients(HttpClient plain) {
    this.plain = plain;
  }

  public HttpClient plain() {
    return plain;
  }

  /** The client for this TLS setting; reads certificate files, so it fails on a missing file. */
  public HttpClient secured(BackendTls tls) {
    HttpClient client = secured.get(tls);
    if (client == null) {
      client =
          plain.secure(
              spec ->
                  spec.sslContext(sslContext(tls))
                      .handlerConfigurator(h -> configure(h.engine(), tls)));
      secured.put(tls, client);
    }
    return client;
  }

  /** Builds the SSL context now so that a bad certificate refuses the state, not a request. */
  public static SslContext sslContext(BackendTls tls) {
    try {
      return sslContextBuilder(tls).build();
    } catch (SSLException e) {
      throw new IllegalArgumentException("backendTLS: " + e.getMessage(), e);
    }
  }

  /**
   * The trust and client certificate of {@code tls} on a client context builder, for callers that
   * add their own settings (gRPC's ALPN); reads the certificate files now.
   *
   * @throws IllegalArgumentException when a file cannot be read or holds no valid certificate
   */
  public static SslContextBuilder sslContextBuilder(BackendTls tls) {
    try {
      SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(sslProvider(tls));
      if (tls.getKeyExchangeGroupsCount() > 0) {
        builder.option(
            OpenSslContextOption.GROUPS, tls.getKeyExchangeGroupsList().toArray(String[]::new));
      }
      if (tls.getInsecure()) {
        builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
      } else if (tls.getSubjectAltNamesCount() > 0 && !tls.getInsecureHost()) {
        builder.trustManager(
            new SubjectAltNameTrustManager(roots(tls), tls.getSubjectAltNamesList()));
      } else if (tls.hasRoot()) {
        try (InputStream root = open(tls.getRoot())) {
          builder.trustManager(root);
        }
      }
      if (tls.hasCert() && tls.hasKey()) {
        byte[] keyPem;
        try (InputStream in = open(tls.getKey())) {
          keyPem = in.readAllBytes();
        }
        try (InputStream cert = open(tls.getCert());
            InputStream key = new ByteArrayInputStream(PemPrivateKeys.pkcs8(keyPem))) {
          builder.keyManager(cert, key);
        }
      }
      return builder;
    } catch (IOException e) {
      throw new IllegalArgumentException("backendTLS: cannot read " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("backendTLS: " + e.getMessage(), e);
    }
  }

  /**
   * The provider of {@code tls}'s context: OpenSSL (BoringSSL) when it sets key exchange groups,
   * which the JDK's TLS chooses per process only; the JDK's otherwise, as every other context.
   */
  public static SslProvider sslProvider(BackendTls tls) {
    return tls.getKeyExchangeGroupsCount() > 0 ? SslProvider.OPENSSL : SslProvider.JDK;
  }

  /** The trust manager of {@code root}, or of the JDK's trusted CAs when there is none. */
  private static X509TrustManager roots(BackendTls tls)
      throws IOException, GeneralSecurityException {
    KeyStore store = null;
    if (tls.hasRoot()) {
      store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      try (InputStream root = open(tls.getRoot())) {
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(root)) {
          store.setCertificateEntry("root-" + i++, c);
        }
      }
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  private static void configure(SSLEngine engine, BackendTls tls) {
    SSLParameters parameters = engine.getSSLParameters();
    if (!tls.getHostname().isEmpty()) {
      parameters.setServerNames(List.of(new SNIHostName(tls.getHostname())));
    }
    // With subjectAltNames the trust manager checks the listed names instead of the host.
    boolean verifyHost =
        !tls.getInsecure() && !tls.getInsecureHost() && tls.getSubjectAltNamesCount() == 0;
    parameters.setEndpointIdentificationAlgorithm(verifyHost ? "HTTPS" : null);
    engine.setSSLParameters(parameters);
  }

  /** Opens a certificate or key source: inline text or a file. */
  public static InputStream open(DataSource source) throws IOException {
    return switch (source.getSourceCase()) {
      case INLINE -> new ByteArrayInputStream(source.getInline().getBytes(StandardCharsets.UTF_8));
      case FILE -> Files.newInputStream(Path.of(source.getFile()));
      case SOURCE_NOT_SET -> throw new IOException("empty data source");
    };
  }
}
