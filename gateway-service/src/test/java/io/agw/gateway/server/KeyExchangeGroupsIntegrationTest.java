package io.agw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestUpstream;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * {@code keyExchangeGroups} on a real gateway: a listener restricted to X25519 completes the
 * handshake of a client offering X25519 and refuses one offering only P-384; a {@code backendTLS}
 * restricted to a group the upstream does not support fails the request, one naming the upstream's
 * group succeeds. Clients and the upstream are Netty's OpenSSL (BoringSSL) contexts restricted with
 * {@code OpenSslContextOption.GROUPS}: the JDK 17 client cannot choose its groups per connection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeyExchangeGroupsIntegrationTest {

  static final TestUpstream UP = TestUpstream.start("up");

  /** A TLS upstream (certificate for 127.0.0.1) that supports only P-256. */
  static final DisposableServer P256_ONLY = p256OnlyBackend();

  static final int HTTP = FreePorts.next();
  static final int HTTPS = FreePorts.next();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("agw-kx");
    String yaml =
        """
        binds:
          - port: HTTP_PORT
            listeners:
              - routes:
                  - name: matching
                    matches: [{path: {pathPrefix: /matching}}]
                    policies:
                      backendTLS:
                        root: BACKEND_CA
                        keyExchangeGroups: [P-384, P-256]
                    backends: [{host: "P256_ONLY"}]
                  - name: mismatching
                    matches: [{path: {pathPrefix: /mismatching}}]
                    policies:
                      backendTLS:
                        root: BACKEND_CA
                        keyExchangeGroups: [X25519]
                    backends: [{host: "P256_ONLY"}]
          - port: HTTPS_PORT
            listeners:
              - protocol: HTTPS
                tls:
                  cert: LISTENER/a.pem
                  key: LISTENER/a.key
                  keyExchangeGroups: [X25519]
                routes: [{backends: [{host: "UP"}]}]
        """
            .replace("HTTPS_PORT", Integer.toString(HTTPS))
            .replace("HTTP_PORT", Integer.toString(HTTP))
            .replace("BACKEND_CA", material("tls/ca.pem").toString())
            .replace("LISTENER", material("tls/listener").toString())
            .replace("P256_ONLY", "127.0.0.1:" + P256_ONLY.port())
            .replace("UP", UP.hostPort());
    Files.writeString(dir.resolve("config.yaml"), yaml);
    registry.add("agw.config.file", () -> dir.resolve("config.yaml").toString());
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  static Path material(String name) {
    try {
      return Path.of(KeyExchangeGroupsIntegrationTest.class.getResource("/" + name).toURI());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static DisposableServer p256OnlyBackend() {
    try {
      SslContext tls =
          SslContextBuilder.forServer(
                  material("tls/server.pem").toFile(), material("tls/server.key").toFile())
              .sslProvider(SslProvider.OPENSSL)
              .option(OpenSslContextOption.GROUPS, new String[] {"P-256"})
              .build();
      return HttpServer.create()
          .host("127.0.0.1")
          .port(0)
          .secure(spec -> spec.sslContext(tls))
          .handle((req, res) -> res.header("x-upstream", "p256").sendString(Mono.just("ok")))
          .bindNow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    UP.close();
    P256_ONLY.disposeNow();
  }

  // ---- listener tls.keyExchangeGroups ----

  @Test
  void aClientOfferingTheListedGroupIsServed() throws Exception {
    assertThat(getOverTls("X25519")).isEqualTo(200);
  }

  @Test
  void aClientOfferingOnlyAnotherGroupFailsItsHandshake() {
    assertThatThrownBy(() -> getOverTls("P-384"))
        .hasStackTraceContaining("SSLV3_ALERT_HANDSHAKE_FAILURE");
  }

  // ---- backendTLS.keyExchangeGroups ----

  @Test
  void aBackendSupportingOneOfTheGroupsIsReached() throws IOException {
    String answer = exchange("/matching/x");
    assertThat(answer).startsWith("HTTP/1.1 200");
    assertThat(answer.toLowerCase()).contains("x-upstream: p256");
  }

  @Test
  void aBackendSupportingNoneOfTheGroupsFails() throws IOException {
    assertThat(exchange("/mismatching/x")).matches("(?s)HTTP/1.1 5\\d\\d.*");
  }

  // ---- clients ----

  /** The status of a GET over TLS from a client that offers only {@code group}. */
  private static int getOverTls(String group) throws IOException {
    SslContext client =
        SslContextBuilder.forClient()
            .sslProvider(SslProvider.OPENSSL)
            .trustManager(InsecureTrustManagerFactory.INSTANCE)
            .option(OpenSslContextOption.GROUPS, new String[] {group})
            .build();
    return HttpClient.create()
        .secure(spec -> spec.sslContext(client))
        .get()
        .uri("https://127.0.0.1:" + HTTPS + "/")
        .response()
        .map(r -> r.status().code())
        .block(Duration.ofSeconds(20));
  }

  private static String exchange(String path) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", HTTP), 5_000);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }
}
