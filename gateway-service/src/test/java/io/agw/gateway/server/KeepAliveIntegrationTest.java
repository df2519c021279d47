package io.agw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.RawHttpConnection;
import io.agw.gateway.support.TestUpstream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One keep-alive connection carries many requests, on the admin port (as the admin UI's browser tab
 * polls it) and on a traffic port: a request answered at once (a 404) right after one answered from
 * another thread (Actuator's health, a proxied request) is answered, and so is every request after
 * it. reactor-netty 1.3.6 stopped reading such a connection after a request it had buffered behind
 * the previous one completed synchronously (reactor/reactor-netty#4361): the client waited forever.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeepAliveIntegrationTest {

  static final TestUpstream ECHO = TestUpstream.start("echo");
  static final int PORT = FreePorts.next();

  /** Rounds per connection: the stall was a race, seen within 15 rounds in most runs. */
  static final int ROUNDS = 150;

  /** How long one response may take on a loaded machine; a stalled connection never answers. */
  static final Duration BOUND = Duration.ofSeconds(20);

  @LocalServerPort int adminPort;

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        """
        binds:
        - port: %d
          listeners:
          - name: main
            protocol: HTTP
            routes:
            - name: echo
              matches:
              - path: {pathPrefix: /echo}
              backends:
              - host: %s
        """
            .formatted(PORT, ECHO.hostPort());
    Path file = Files.createTempDirectory("agw-keepalive").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @AfterAll
  static void stopUpstream() {
    ECHO.close();
  }

  @Test
  void theAdminPortAnswersEveryRequestOfAKeepAliveConnection() throws Exception {
    alternate(adminPort, "/actuator/health", "200", "/no-such-page", "404");
  }

  @Test
  void aTrafficPortAnswersEveryRequestOfAKeepAliveConnection() throws Exception {
    alternate(PORT, "/echo/a", "200", "/no-route", "404");
  }

  /**
   * Sends {@code slow} then {@code immediate}, each after the previous answer, {@link #ROUNDS}
   * times on one connection, then the two pipelined in one write.
   */
  private static void alternate(
      int port, String slow, String slowStatus, String immediate, String immediateStatus)
      throws IOException {
    try (RawHttpConnection client = new RawHttpConnection(port, BOUND)) {
      for (int round = 0; round < ROUNDS; round++) {
        expect(client, round, slow, slowStatus);
        expect(client, round, immediate, immediateStatus);
      }
      client.send(get(slow) + get(immediate));
      assertThat(client.readResponse()).startsWith("HTTP/1.1 " + slowStatus);
      assertThat(client.readResponse()).startsWith("HTTP/1.1 " + immediateStatus);
      expect(client, ROUNDS, slow, slowStatus);
    }
  }

  private static void expect(RawHttpConnection client, int round, String path, String status)
      throws IOException {
    client.send(get(path));
    try {
      assertThat(client.readResponse()).startsWith("HTTP/1.1 " + status);
    } catch (SocketTimeoutException e) {
      fail(
          "round %d: no answer to GET %s within %s on a keep-alive connection", round, path, BOUND);
    }
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: gateway\r\n\r\n";
  }
}
