package io.agw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestJwks;
import io.agw.gateway.support.TestUpstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Path normalization on a real gateway in front of a local echo upstream, with raw request lines
 * written on a socket so that no client normalizes first: {@code /echo/admin} is guarded by a
 * directResponse 403 and {@code /secure/admin} by jwtAuth, next to open {@code /echo} and {@code
 * /secure} routes. Dot segments, encoded unreserved characters and repeated slashes reach the
 * guarded route; paths that climb above the root, encoded slashes and invalid encodings get 400;
 * the upstream receives the normalized path with the query untouched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PathNormalizationIntegrationTest {

  static final TestUpstream UP = TestUpstream.start("up");
  static final TestJwks JWKS = newJwks();
  static final int PORT = FreePorts.next();
  static final JsonMapper JSON = JsonMapper.builder().build();

  static TestJwks newJwks() {
    try {
      return new TestJwks();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        new String(
                PathNormalizationIntegrationTest.class
                    .getResourceAsStream("/server/path-normalization.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("${PORT}", Integer.toString(PORT))
            .replace("${UP}", UP.hostPort())
            .replace("${JWKS}", JWKS.url());
    Path file = Files.createTempDirectory("agw-paths").resolve("config.yaml");
    Files.writeString(file, yaml);
    String ca =
        Path.of(PathNormalizationIntegrationTest.class.getResource("/tls/ca.pem").toURI())
            .toString();
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
    registry.add("agw.security.jwks-ca-file", () -> ca);
  }

  @AfterAll
  static void stop() {
    UP.close();
    JWKS.close();
  }

  @BeforeEach
  void reset() {
    UP.reset();
  }

  /** A response read off the socket: status code and body. */
  record Answer(int status, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  /** Sends {@code GET <target>} exactly as written, on a fresh connection. */
  static Answer get(String target, String... headers) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", PORT)) {
      socket.setSoTimeout(20_000);
      StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\n");
      request.append("Host: 127.0.0.1:").append(PORT).append("\r\n");
      for (String h : headers) {
        request.append(h).append("\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String response = all.toString(StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      int split = response.indexOf("\r\n\r\n");
      String body = split < 0 ? "" : response.substring(split + 4);
      if (response.toLowerCase().contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      return new Answer(status, body);
    }
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int eol = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(chunked, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
  }

  String upstreamUri() {
    assertThat(UP.received()).hasSize(1);
    return UP.received().get(0).uri();
  }

  @Test
  void dotSegmentsReachTheGuardedRouteInsteadOfWalkingAroundIt() throws IOException {
    Answer answer = get("/echo/x/../admin/x");
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body()).isEqualTo("admin only");
    assertThat(get("/echo/./admin").status()).isEqualTo(403);
    assertThat(get("/echo/%2e%2E/echo/admin").status()).isEqualTo(403);
    assertThat(UP.received()).isEmpty();
  }

  @Test
  void encodedUnreservedCharactersAndRepeatedSlashesReachTheGuardedRoute() throws IOException {
    assertThat(get("/echo/%61dmin/x").status()).isEqualTo(403);
    assertThat(get("/echo/%41DMIN").status()).isNotEqualTo(403);
    UP.reset();
    assertThat(get("/echo//admin").status()).isEqualTo(403);
    assertThat(get("//echo///admin/x").status()).isEqualTo(403);
    assertThat(UP.received()).isEmpty();
  }

  @Test
  void jwtAuthCannotBeWalkedAround() throws Exception {
    for (String target :
        new String[] {"/secure/x/../admin/x", "/secure/%61dmin", "/secure//admin"}) {
      Answer answer = get(target);
      assertThat(answer.status()).as(target).isEqualTo(401);
      assertThat(answer.json().path("error").path("type").asString()).isEqualTo("unauthorized");
    }
    assertThat(UP.received()).isEmpty();
    String token =
        JWKS.token("https://issuer.test", "api", "alice", Instant.now().plusSeconds(300), Map.of());
    Answer allowed = get("/secure/x/../%61dmin/./x", "Authorization: Bearer " + token);
    assertThat(allowed.status()).isEqualTo(200);
    assertThat(upstreamUri()).isEqualTo("/secure/admin/x");
  }

  @Test
  void theUpstreamReceivesTheNormalizedPathAndTheQueryUntouched() throws IOException {
    Answer answer = get("/echo/a/../b/%7euser//%c3%a9?q=%2e%2e/x&r=a//b");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(upstreamUri()).isEqualTo("/echo/b/~user/%C3%A9?q=%2e%2e/x&r=a//b");
  }

  @Test
  void pathsThatClimbAboveTheRootAreRefusedWithTheGatewaysJsonError() throws IOException {
    Answer answer = get("/echo/../../etc/passwd");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("error").path("type").asString()).isEqualTo("bad_request");
    assertThat(answer.json().path("error").path("message").asString())
        .isEqualTo("the request path climbs above the root");
    assertThat(get("/echo/%2e%2e/%2e%2e/etc/passwd").status()).isEqualTo(400);
    assertThat(UP.received()).isEmpty();
  }

  @Test
  void encodedSlashesInvalidEncodingsAndControlCharactersAreRefused() throws IOException {
    for (String target :
        new String[] {
          "/echo%2Fadmin",
          "/echo/x%2f..%2fadmin",
          "/echo/%5cadmin",
          "/echo/%zz",
          "/echo/%4",
          "/echo/%00",
          "/echo/%0d%0a",
          "/echo\\admin",
          "/echo/caf\u00e9"
        }) {
      Answer answer = get(target);
      assertThat(answer.status()).as(target).isEqualTo(400);
      assertThat(answer.json().path("error").path("type").asString())
          .as(target)
          .isEqualTo("bad_request");
    }
    assertThat(UP.received()).isEmpty();
  }
}
