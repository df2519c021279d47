package io.agw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import io.agw.gateway.support.TestUpstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * How long a client connection lives: {@code frontendPolicies.http.maxConnectionDuration} closes an
 * idle keep-alive connection once it is that old and lets a request in flight finish (its answer
 * then says {@code Connection: close}); {@code frontendPolicies.tls.handshakeTimeout} cuts a TCP
 * client that never sends its TLS hello. Both waits are shorter than the defaults that would apply
 * if the settings were ignored (the 75 s idle timeout, the 15 s handshake timeout).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConnectionLifetimeIntegrationTest {

  static final TestUpstream UP = TestUpstream.start("up");
  static final Duration SLOW_ANSWER = Duration.ofSeconds(4);

  /** Answers after 4 s: the request is still in flight when the connection reaches its age. */
  static final DisposableServer SLOW =
      HttpServer.create()
          .host("127.0.0.1")
          .port(0)
          .handle((req, res) -> res.sendString(Mono.just("slow-answer").delayElement(SLOW_ANSWER)))
          .bindNow();

  static final int HTTP = FreePorts.next();
  static final int TLS = FreePorts.next();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    GatewayConfigFile.register(
        registry,
        """
        frontendPolicies:
          http:
            maxConnectionDuration: 2s
          tls:
            handshakeTimeout: 500ms
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: slow
                    matches: [{path: {pathPrefix: /slow}}]
                    backends: [{host: "127.0.0.1:%d"}]
                  - backends: [{host: "%s"}]
          - port: %d
            listeners:
              - protocol: HTTPS
                tls: {cert: %s/a.pem, key: %s/a.key}
                routes: [{backends: [{host: "%s"}]}]
        """
            .formatted(
                HTTP,
                SLOW.port(),
                UP.hostPort(),
                TLS,
                material("tls/listener"),
                material("tls/listener"),
                UP.hostPort()));
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  static Path material(String name) {
    try {
      return Path.of(ConnectionLifetimeIntegrationTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() {
    UP.close();
    SLOW.disposeNow();
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedOnceItReachesMaxConnectionDuration() throws IOException {
    try (Socket socket = connect(HTTP)) {
      String answer = request(socket, "/fast");
      assertThat(answer).startsWith("HTTP/1.1 200");
      InputStream in = socket.getInputStream();
      socket.setSoTimeout(500);
      // Kept alive without the setting for the idle timeout, 75 s.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> closed(in));
    }
  }

  @Test
  void aRequestInFlightAtMaxConnectionDurationIsAnsweredThenTheConnectionCloses()
      throws IOException {
    try (Socket socket = connect(HTTP)) {
      socket.setSoTimeout(30_000);
      String answer = request(socket, "/slow");
      assertThat(answer).startsWith("HTTP/1.1 200").endsWith("slow-answer");
      assertThat(answer.toLowerCase(Locale.ROOT)).contains("connection: close");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void aClientThatNeverSendsItsTlsHelloIsCutAfterHandshakeTimeout() throws IOException {
    try (Socket socket = connect(TLS)) {
      socket.setSoTimeout(500);
      InputStream in = socket.getInputStream();
      // Without the setting, agentgateway's default of 15 s would outlast the wait.
      await()
          .atMost(Duration.ofSeconds(12))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> closed(in));
    }
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    return socket;
  }

  /** Sends a keep-alive GET and reads one answer (its head and its Content-Length body). */
  private static String request(Socket socket, String path) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the end of the head: " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.contains("transfer-encoding: chunked")) {
      return text + chunked(in);
    }
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    return text + new String(body, StandardCharsets.UTF_8);
  }

  private static String chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      int size = Integer.parseInt(line(in).trim(), 16);
      if (size == 0) {
        line(in);
        return body.toString(StandardCharsets.UTF_8);
      }
      body.write(in.readNBytes(size));
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
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
}
