package io.agw.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A minimal HTTPS/1.1 client on the JDK's {@link SSLSocket}, for tests that must choose the SNI
 * name, present (or not) a client certificate and see the server's certificate. One request per
 * connection.
 */
public final class TlsTestClient {

  /** What the server presented and answered. */
  public record Answer(X509Certificate serverCertificate, int status, String body) {}

  private final SSLContext context;

  private TlsTestClient(SSLContext context) {
    this.context = context;
  }

  /**
   * @param trustedCa PEM of the CA the server certificates must chain to
   * @param clientCert PEM of the client certificate, or null for none
   * @param clientKey PKCS#8 PEM of its EC key, or null
   */
  public static TlsTestClient create(Path trustedCa, Path clientCert, Path clientKey)
      throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", certificate(trustedCa));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (clientCert != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "client",
          privateKey(clientKey),
          new char[0],
          new Certificate[] {certificate(clientCert)});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
    }
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return new TlsTestClient(ssl);
  }

  /**
   * Connects to 127.0.0.1:port with the given SNI name (null: none), sends {@code GET path} with
   * the SNI name (or "localhost") as Host, and reads the whole answer.
   */
  public Answer get(int port, String sni, String path) throws IOException {
    return get(port, sni, sni == null ? "localhost" : sni, path);
  }

  /** As {@link #get(int, String, String)} with another Host header than the SNI name. */
  public Answer get(int port, String sni, String host, String path) throws IOException {
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.setSoTimeout(10_000);
      SSLParameters params = socket.getSSLParameters();
      params.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
      socket.setSSLParameters(params);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.startHandshake();
      X509Certificate server = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = readAll(socket.getInputStream());
      if (response.isEmpty()) {
        throw new IOException("connection closed without an answer");
      }
      int status = Integer.parseInt(response.substring(9, 12));
      int bodyStart = response.indexOf("\r\n\r\n");
      return new Answer(server, status, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    in.transferTo(buffer);
    return buffer.toString(StandardCharsets.UTF_8);
  }

  private static X509Certificate certificate(Path pem)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String base64 =
        Files.readString(pem)
            .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("EC")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
