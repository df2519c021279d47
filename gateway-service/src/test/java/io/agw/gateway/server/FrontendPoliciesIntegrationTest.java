package io.agw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestUpstream;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * {@code frontendPolicies.http}, {@code .tls} and {@code .tcp}, a listener's TLS versions and
 * cipher suites, and {@code backendTLS.subjectAltNames}, on a real gateway with real TLS clients: a
 * request with too many header fields gets 431, a body over {@code maxBufferSize} that a policy
 * buffers gets 413, a silent connection is closed after {@code http1IdleTimeout}, accepted
 * connections carry the keepalive timer (as {@code ss} shows it), a TLS client below the minimum
 * version or offering no listed cipher suite fails its handshake (the frontend's cipher list taking
 * precedence over the listener's), a reloaded header limit applying to new connections, and a TLS
 * backend is accepted by a listed subject alternative name instead of its host name and refused
 * when none is listed. Material: {@code src/test/resources/tls} (backend for 127.0.0.1) and {@code
 * tls/listener} (the listener's certificate, EC, also served by a backend that names only
 * a.example).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrontendPoliciesIntegrationTest {

  static final TestUpstream UP = TestUpstream.start("up");
  static final TestUpstream SECURE = TestUpstream.startTls("secure");

  /** A TLS backend whose certificate names only a.example (not the address connected to). */
  static final DisposableServer NAMED = namedTlsBackend();

  static final int HTTP = FreePorts.next();
  static final int TLS13 = FreePorts.next();
  static final int TLS12 = FreePorts.next();
  static final Duration WAIT = Duration.ofSeconds(30);

  static Path dir;

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    dir = Files.createTempDirectory("agw-frontend");
    writeConfig(10);
    registry.add("agw.config.file", () -> dir.resolve("config.yaml").toString());
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  static void writeConfig(int maxHeaders) throws IOException {
    String yaml =
        """
        frontendPolicies:
          http:
            http1MaxHeaders: MAX_HEADERS
            http1IdleTimeout: 1s
            maxBufferSize: 64
          tls:
            cipherSuites: [TLS_AES_128_GCM_SHA256, ECDHE-ECDSA-AES128-GCM-SHA256]
          tcp:
            keepalives:
              time: 7s
              interval: 3s
              retries: 4
        binds:
          - port: HTTP
            listeners:
              - routes:
                  - name: buffered
                    matches: [{path: {pathPrefix: /buffered}}]
                    policies:
                      authorization:
                        rules:
                          - allow: 'size(request.body) >= 0'
                    backends: [{host: "UP"}]
                  - name: san-listed
                    matches: [{path: {pathPrefix: /san-listed}}]
                    policies:
                      backendTLS:
                        root: LISTENER/ca.pem
                        subjectAltNames: [other.test, a.example]
                    backends: [{host: "NAMED"}]
                  - name: san-unlisted
                    matches: [{path: {pathPrefix: /san-unlisted}}]
                    policies:
                      backendTLS:
                        root: BACKEND_CA
                        subjectAltNames: [other.test]
                    backends: [{host: "SECURE"}]
                  - backends: [{host: "UP"}]
          - port: TLS13
            listeners:
              - protocol: HTTPS
                tls: {cert: LISTENER/a.pem, key: LISTENER/a.key, minTlsVersion: TLS_V1_3}
                routes: [{backends: [{host: "UP"}]}]
          - port: TLS12
            listeners:
              - protocol: HTTPS
                tls:
                  cert: LISTENER/a.pem
                  key: LISTENER/a.key
                  maxTLSVersion: TLS_V1_2
                  cipherSuites: [TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384]
                routes: [{backends: [{host: "UP"}]}]
        """
            .replace("MAX_HEADERS", Integer.toString(maxHeaders))
            .replace("TLS13", Integer.toString(TLS13))
            .replace("TLS12", Integer.toString(TLS12))
            .replace("port: HTTP", "port: " + HTTP)
            .replace("BACKEND_CA", material("tls/ca.pem").toString())
            .replace("LISTENER", material("tls/listener").toString())
            .replace("SECURE", SECURE.hostPort())
            .replace("NAMED", "127.0.0.1:" + NAMED.port())
            .replace("UP", UP.hostPort());
    Path tmp = dir.resolve("config.yaml.tmp");
    Files.writeString(tmp, yaml);
    Files.move(
        tmp,
        dir.resolve("config.yaml"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  static Path material(String name) {
    try {
      return Path.of(FrontendPoliciesIntegrationTest.class.getResource("/" + name).toURI());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static DisposableServer namedTlsBackend() {
    try {
      SslContext tls =
          SslContextBuilder.forServer(
                  material("tls/listener/a.pem").toFile(), material("tls/listener/a.key").toFile())
              .build();
      return HttpServer.create()
          .host("127.0.0.1")
          .port(0)
          .secure(spec -> spec.sslContext(tls))
          .handle((req, res) -> res.header("x-upstream", "named").sendString(Mono.just("ok")))
          .bindNow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    UP.close();
    SECURE.close();
    NAMED.disposeNow();
  }

  // ---- frontendPolicies.http ----

  @Test
  void aRequestWithMoreHeaderFieldsThanHttp1MaxHeadersGets431() throws IOException {
    assertThat(exchange(HTTP, get("/", 9))).startsWith("HTTP/1.1 200");

    String refused = exchange(HTTP, get("/", 12));
    assertThat(refused).startsWith("HTTP/1.1 431");
    assertThat(refused).contains("the request has more than 10 header fields");
  }

  @Test
  void aBufferedBodyOverMaxBufferSizeGets413() throws IOException {
    assertThat(exchange(HTTP, post("/buffered", "x".repeat(60)))).startsWith("HTTP/1.1 200");
    assertThat(exchange(HTTP, post("/buffered", "x".repeat(100)))).startsWith("HTTP/1.1 413");
  }

  @Test
  void aSilentConnectionIsClosedAfterHttp1IdleTimeout() throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", HTTP), 5_000);
      socket.setSoTimeout(500);
      InputStream in = socket.getInputStream();
      // The default (agw.server.http1-idle-timeout, 75 s) would outlast the wait.
      await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> closed(in));
    }
  }

  /** Runs last: it changes the file that the other tests rely on. */
  @Test
  @Order(Integer.MAX_VALUE)
  void aReloadedHeaderLimitAppliesToNewConnections() throws IOException {
    writeConfig(20);
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(exchange(HTTP, get("/", 12))).startsWith("HTTP/1.1 200"));
    assertThat(exchange(HTTP, get("/", 21))).startsWith("HTTP/1.1 431");
  }

  // ---- frontendPolicies.tcp ----

  @Test
  void acceptedConnectionsCarryTheKeepaliveTimer() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", HTTP), 5_000);
      // A request whose body has not arrived yet: no idle timeout while it waits.
      OutputStream out = socket.getOutputStream();
      out.write(
          "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      int client = socket.getLocalPort();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                String line = serverSideSocket(client);
                Matcher timer =
                    Pattern.compile("timer:\\(keepalive,([0-9.]+)(ms|sec)").matcher(line);
                assertThat(timer.find()).as("keepalive timer in: %s", line).isTrue();
                double seconds =
                    Double.parseDouble(timer.group(1)) / (timer.group(2).equals("ms") ? 1000 : 1);
                // Counting down from the configured 7 s (the kernel's default is 2 hours).
                assertThat(seconds).isLessThanOrEqualTo(7.0);
              });
    }
  }

  /** The {@code ss} line of the gateway's end of the connection from {@code clientPort}. */
  private static String serverSideSocket(int clientPort) throws Exception {
    Process ss =
        new ProcessBuilder("ss", "-tnoH", "state", "established", "( dport = :" + clientPort + " )")
            .redirectErrorStream(true)
            .start();
    String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ss.waitFor(10, TimeUnit.SECONDS);
    return output.lines().filter(l -> l.contains(":" + HTTP + " ")).findFirst().orElse(output);
  }

  // ---- listener TLS versions and cipher suites, frontendPolicies.tls ----

  @Test
  void aClientBelowTheListenersMinimumVersionIsRefused() throws Exception {
    assertThat(handshake(TLS13, "TLSv1.3", "TLS_AES_128_GCM_SHA256")).startsWith("HTTP/1.1 200");
    assertThatThrownBy(() -> handshake(TLS13, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void aClientAboveTheListenersMaximumVersionIsRefused() throws Exception {
    assertThatThrownBy(() -> handshake(TLS12, "TLSv1.3", "TLS_AES_128_GCM_SHA256"))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void aCipherSuiteOutsideTheFrontendListIsRefused() throws Exception {
    assertThatThrownBy(() -> handshake(TLS13, "TLSv1.3", "TLS_AES_256_GCM_SHA384"))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void theFrontendCipherListTakesPrecedenceOverTheListeners() throws Exception {
    assertThat(handshake(TLS12, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))
        .startsWith("HTTP/1.1 200");
    assertThatThrownBy(() -> handshake(TLS12, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"))
        .isInstanceOf(SSLHandshakeException.class);
  }

  // ---- backendTLS.subjectAltNames ----

  @Test
  void aBackendCertificateWithAListedNameIsAcceptedInsteadOfTheHostname() throws IOException {
    // Connected to 127.0.0.1, which the certificate does not name: accepted for a.example.
    String answer = exchange(HTTP, get("/san-listed/x", 0));
    assertThat(answer).startsWith("HTTP/1.1 200");
    assertThat(answer.toLowerCase()).contains("x-upstream: named");
  }

  @Test
  void aBackendCertificateWithoutAListedNameIsRefused() throws IOException {
    // The certificate is for 127.0.0.1 (the address connected to), but not for other.test.
    assertThat(exchange(HTTP, get("/san-unlisted/x", 0))).matches("(?s)HTTP/1.1 5\\d\\d.*");
  }

  // ---- clients ----

  private static String get(String path, int extraHeaders) {
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: x\r\n");
    // Host and Connection count too.
    for (int i = 0; i < extraHeaders - 2; i++) {
      request.append("x-extra-").append(i).append(": v\r\n");
    }
    return request.append("Connection: close\r\n\r\n").toString();
  }

  private static String post(String path, String body) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: "
        + body.length()
        + "\r\nConnection: close\r\n\r\n"
        + body;
  }

  private static String exchange(int port, String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(20_000);
      return send(socket, request);
    }
  }

  private static String send(Socket socket, String request) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    socket.getInputStream().transferTo(answer);
    return answer.toString(StandardCharsets.UTF_8);
  }

  private static boolean closed(InputStream in) throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  /** A request over TLS from a client that offers only {@code protocol} and {@code cipher}. */
  private static String handshake(int port, String protocol, String cipher) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream ca = Files.newInputStream(material("tls/listener/ca.pem"))) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.setSoTimeout(20_000);
      SSLParameters params = socket.getSSLParameters();
      params.setServerNames(List.of(new SNIHostName("a.example")));
      params.setProtocols(new String[] {protocol});
      params.setCipherSuites(new String[] {cipher});
      socket.setSSLParameters(params);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.startHandshake();
      return send(socket, "GET / HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n");
    }
  }
}
