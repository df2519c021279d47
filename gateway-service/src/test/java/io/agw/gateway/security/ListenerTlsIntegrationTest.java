package io.agw.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestUpstream;
import io.agw.gateway.support.TlsTestClient;
import io.agw.gateway.support.TlsTestClient.Answer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Listener TLS on a real gateway: three HTTPS listeners on one port, each with its own certificate
 * chosen by SNI ({@code a.example}, {@code b.example}, and {@code m.example} that requires client
 * certificates from a test client CA); the client certificate's identity in CEL authorization and
 * transformations; a certificate file replaced on disk and served after the reload. Material:
 * {@code src/test/resources/tls/listener}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ListenerTlsIntegrationTest {

  static final TestUpstream UP = TestUpstream.start("up");
  static final int PORT = FreePorts.next();
  static Path dir;

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    dir = Files.createTempDirectory("agw-listener-tls");
    for (String name : new String[] {"a.pem", "a.key", "b.pem", "b.key", "client-ca.pem"}) {
      Files.copy(material(name), dir.resolve(name));
    }
    writeConfig("v1");
    registry.add("agw.config.file", () -> dir.resolve("config.yaml").toString());
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  static void writeConfig(String version) throws IOException {
    String yaml =
        """
        # version VERSION
        binds:
          - port: PORT
            listeners:
              - name: a
                hostname: a.example
                protocol: HTTPS
                tls: {cert: DIR/a.pem, key: DIR/a.key}
                routes:
                  - backends: [{host: "UP"}]
              - name: b
                hostname: b.example
                protocol: HTTPS
                tls: {cert: DIR/b.pem, key: DIR/b.key}
                routes:
                  - backends: [{host: "UP"}]
              - name: m
                hostname: m.example
                protocol: HTTPS
                tls: {cert: DIR/b.pem, key: DIR/b.key, root: DIR/client-ca.pem}
                routes:
                  - policies:
                      authorization:
                        rules:
                          - allow: 'source.subjectCn == "alice"'
                          - deny: 'request.path == "/blocked"'
                      transformations:
                        request:
                          set:
                            x-client-subject: 'source.subject'
                            x-client-spiffe: 'source.spiffeId'
                            x-client-fingerprint: 'source.fingerprint'
                    backends: [{host: "UP"}]
        """
            .replace("VERSION", version)
            .replace("PORT", Integer.toString(PORT))
            .replace("DIR", dir.toString())
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
      return Path.of(ListenerTlsIntegrationTest.class.getResource("/tls/listener/" + name).toURI());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static TlsTestClient client(String clientName) throws Exception {
    return clientName == null
        ? TlsTestClient.create(material("ca.pem"), null, null)
        : TlsTestClient.create(
            material("ca.pem"), material(clientName + ".pem"), material(clientName + ".key"));
  }

  @AfterAll
  static void stop() {
    UP.close();
  }

  @BeforeEach
  void reset() {
    UP.reset();
  }

  String lastHeader(String name) {
    var received = UP.received();
    return received.get(received.size() - 1).headers().get(name);
  }

  @Test
  void sniPicksTheListenersCertificate() throws Exception {
    TlsTestClient client = client(null);

    Answer a = client.get(PORT, "a.example", "/hello");
    assertThat(a.serverCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=a.example");
    assertThat(a.status()).isEqualTo(200);

    // A fresh client: the JDK client resumes its session for a.example (and sends that session's
    // server name) when asked for b.example on the same address.
    Answer b = client(null).get(PORT, "b.example", "/hello");
    assertThat(b.serverCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=b.example");
    assertThat(b.status()).isEqualTo(200);

    // No SNI: the first listener's certificate.
    Answer none = client(null).get(PORT, null, "a.example", "/hello");
    assertThat(none.serverCertificate().getSubjectX500Principal())
        .isEqualTo(a.serverCertificate().getSubjectX500Principal());
    assertThat(none.status()).isEqualTo(200);
    assertThat(UP.received()).hasSize(3);
  }

  @Test
  void clientCertificateIsRequiredWhereTheListenerHasAClientCa() throws Exception {
    assertThatThrownBy(() -> client(null).get(PORT, "m.example", "/hello"))
        .isInstanceOf(IOException.class);
    // A certificate from a CA the listener does not trust is refused too.
    assertThatThrownBy(() -> client("stranger").get(PORT, "m.example", "/hello"))
        .isInstanceOf(IOException.class);
    assertThat(UP.received()).isEmpty();

    // The other listeners on the same port do not ask for one, and a session made there is not
    // resumed on the listener that does.
    TlsTestClient anonymous = client(null);
    assertThat(anonymous.get(PORT, "b.example", "/hello").status()).isEqualTo(200);
    // The JDK client resumes that session, with its server name b.example, for m.example: the
    // handshake succeeds without a client certificate, and the request is refused as misdirected.
    Answer misdirected = anonymous.get(PORT, "m.example", "/hello");
    assertThat(misdirected.status()).isEqualTo(421);
    assertThat(misdirected.body()).contains("misdirected_request");
    assertThat(UP.received()).hasSize(1);
  }

  @Test
  void clientCertificateIdentityReachesCelAuthorizationAndTransformations() throws Exception {
    Answer alice = client("alice").get(PORT, "m.example", "/hello");
    assertThat(alice.status()).isEqualTo(200);
    assertThat(lastHeader("x-client-subject")).isEqualTo("O=agw tests,CN=alice");
    assertThat(lastHeader("x-client-spiffe")).isEqualTo("spiffe://agw.test/ns/default/sa/alice");
    assertThat(lastHeader("x-client-fingerprint")).matches("[0-9a-f]{64}");

    assertThat(client("alice").get(PORT, "m.example", "/blocked").status()).isEqualTo(403);
    Answer mallory = client("mallory").get(PORT, "m.example", "/hello");
    assertThat(mallory.status()).isEqualTo(403);
    assertThat(mallory.body()).contains("forbidden");
    assertThat(UP.received()).hasSize(1);
  }

  @Test
  void aReplacedCertificateFileIsServedAfterTheReload() throws Exception {
    TlsTestClient client = client(null);
    assertThat(client.get(PORT, "a.example", "/").serverCertificate().getSubjectX500Principal())
        .hasToString("CN=a.example");
    try {
      Files.copy(
          material("a-rotated.pem"), dir.resolve("a.pem"), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          material("a-rotated.key"), dir.resolve("a.key"), StandardCopyOption.REPLACE_EXISTING);
      writeConfig("v2");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  client
                      .get(PORT, "a.example", "/")
                      .serverCertificate()
                      .getSubjectX500Principal()
                      .getName()
                      .equals("O=rotated,CN=a.example"));
      assertThat(client(null).get(PORT, "b.example", "/").status()).isEqualTo(200);
    } finally {
      Files.copy(material("a.pem"), dir.resolve("a.pem"), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(material("a.key"), dir.resolve("a.key"), StandardCopyOption.REPLACE_EXISTING);
      writeConfig("v3");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  client
                      .get(PORT, "a.example", "/")
                      .serverCertificate()
                      .getSubjectX500Principal()
                      .getName()
                      .equals("CN=a.example"));
    }
  }
}
