package io.agw.gateway.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.GatewayApplication;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The admin API's access regime with no credential configured (a first run): local reads are open,
 * writes and every relayed or rebound call need the generated token, which is kept in an owner-only
 * file, reused after a restart and never logged. Requests are raw HTTP/1.1 on a socket, so the
 * {@code Host} and proxy headers are exactly what the test writes.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminAccessIntegrationTest {

  static Path dir;
  static Path tokenFile;
  static ConfigurableApplicationContext gateway;
  static int port;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("agw-admin-access");
    tokenFile = dir.resolve("data").resolve("admin-token");
    gateway = start(dir, tokenFile);
    port = adminPort(gateway);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  static ConfigurableApplicationContext start(Path dir, Path tokenFile) throws IOException {
    Path config = dir.resolve("config-" + System.nanoTime() + ".yaml");
    Files.writeString(config, GatewayConfigFile.helloRoute(FreePorts.next()));
    // Command-line arguments win over the system properties surefire sets.
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(GatewayApplication.class)
            .run(
                "--agw.config.file=" + config,
                "--agw.bind-address=127.0.0.1",
                "--server.port=0",
                "--agw.database.url=sqlite:" + dir.resolve("agw.db"),
                "--agw.admin.generated-token-file=" + tokenFile);
    // The usage store opens in the background; until then its routes answer 503.
    int admin = adminPort(context);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> send(admin, "GET", "/api/v1/keys", "Host: localhost").status() != 503);
    return context;
  }

  static int adminPort(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  @Test
  void aLocalReadNeedsNoCredential() throws IOException {
    for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port}) {
      Answer answer = send(port, "GET", "/api/v1/keys", "Host: " + host);
      assertThat(answer.status()).as(host).isEqualTo(200);
      assertThat(answer.body()).contains("\"keys\"");
    }
  }

  @Test
  void aWriteWithoutTheTokenIs401() throws IOException {
    Answer answer = post(port, "/api/v1/keys", "{\"name\":\"x\"}", "Host: 127.0.0.1:" + port);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).contains("\"unauthorized\"");
    Answer wrong =
        send(
            port,
            "GET",
            "/api/v1/keys",
            "Host: 127.0.0.1:" + port,
            "Authorization: Bearer not-the-token");
    assertThat(wrong.status()).isEqualTo(401);
  }

  @Test
  void aRelayedReadIs401() throws IOException {
    String host = "Host: 127.0.0.1:" + port;
    assertThat(send(port, "GET", "/api/v1/keys", host, "X-Forwarded-For: 127.0.0.1").status())
        .isEqualTo(401);
    assertThat(send(port, "GET", "/api/v1/keys", host, "Forwarded: for=127.0.0.1").status())
        .isEqualTo(401);
  }

  @Test
  void aReboundHostNameIs401() throws IOException {
    for (String host :
        new String[] {"evil.example", "evil.example:" + port, "localhost.evil.example"}) {
      Answer answer = send(port, "GET", "/api/v1/keys", "Host: " + host);
      assertThat(answer.status()).as(host).isEqualTo(401);
    }
  }

  @Test
  void theGeneratedTokenIsOwnerOnlyAndAuthorizesWritesAndRemoteReads() throws IOException {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
        .isEqualTo("rw-------");
    String token = Files.readString(tokenFile).strip();
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    Answer created =
        post(
            port,
            "/api/v1/keys",
            "{\"name\":\"from-ui\"}",
            "Host: 127.0.0.1:" + port,
            "Authorization: Bearer " + token);
    assertThat(created.status()).isEqualTo(201);
    Answer relayed =
        send(
            port,
            "GET",
            "/api/v1/keys",
            "Host: agw.example",
            "X-Forwarded-For: 203.0.113.7",
            "Authorization: Bearer " + token);
    assertThat(relayed.status()).isEqualTo(200);
    assertThat(relayed.body()).contains("from-ui");
  }

  /**
   * Restarts the class's gateway (two gateways in one JVM must not overlap here: closing one
   * releases reactor-netty's shared event loops under the other).
   */
  @Test
  void theTokenIsReusedAfterARestartAndNeverLogged(CapturedOutput output) throws IOException {
    String first = Files.readString(tokenFile).strip();
    gateway.close();
    // A first run while the output is captured: the new token must not be logged either.
    Path fresh = Files.createTempDirectory("agw-admin-fresh");
    Path freshFile = fresh.resolve("admin-token");
    try (ConfigurableApplicationContext created = start(fresh, freshFile)) {
      String token = Files.readString(freshFile).strip();
      assertThat(tokenStatus(adminPort(created), token)).isEqualTo(201);
      assertThat(output.getAll()).contains(freshFile.toAbsolutePath().toString());
      assertThat(output.getAll()).doesNotContain(token);
    }
    gateway = start(dir, tokenFile);
    port = adminPort(gateway);
    assertThat(Files.readString(tokenFile).strip()).isEqualTo(first);
    assertThat(tokenStatus(port, first)).isEqualTo(201);
    assertThat(output.getAll()).contains(tokenFile.toAbsolutePath().toString());
    assertThat(output.getAll()).doesNotContain(first);
  }

  static int tokenStatus(int adminPort, String token) throws IOException {
    return post(
            adminPort,
            "/api/v1/keys",
            "{\"name\":\"n\"}",
            "Host: example.org",
            "Authorization: Bearer " + token)
        .status();
  }

  record Answer(int status, String body) {}

  static Answer post(int port, String path, String json, String... headers) throws IOException {
    return raw(port, "POST", path, json, headers);
  }

  static Answer send(int port, String method, String path, String... headers) throws IOException {
    return raw(port, method, path, null, headers);
  }

  private static Answer raw(int port, String method, String path, String json, String[] headers)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      request.append("Connection: close\r\n");
      for (String header : headers) {
        request.append(header).append("\r\n");
      }
      byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
      if (json != null) {
        request.append("Content-Type: application/json\r\n");
        request.append("Content-Length: ").append(body.length).append("\r\n");
      }
      request.append("\r\n");
      var out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      in.transferTo(got);
      String text = got.toString(StandardCharsets.UTF_8);
      int status = Integer.parseInt(text.substring(9, 12));
      int split = text.indexOf("\r\n\r\n");
      return new Answer(status, split < 0 ? "" : text.substring(split + 4));
    }
  }
}
