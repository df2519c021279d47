package io.agw.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.FreePorts;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The admin UI on the admin port, served from the test {@code agw-ui/} tree (an index and one
 * hashed asset): files, the single-page fallback, a missing asset, the redirect from {@code /},
 * cache and security headers, a Content-Security-Policy that lists the traffic ports of the state
 * in force, and gzip on the admin port but not on traffic ports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UiServingIntegrationTest {

  static final int PORT = FreePorts.next();
  static final int NEW_PORT = FreePorts.next();
  static final String ASSET = "/ui/assets/index-T3stH4sh.js";
  static Path file;

  static String config(int port) {
    return """
        binds:
        - port: %d
          listeners:
          - name: main
            routes:
            - name: big
              policies:
                directResponse:
                  status: 200
                  body: "%s"
        """
        .formatted(port, "all work and no play makes a dull gateway ".repeat(100));
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    file = Files.createTempDirectory("agw-ui").resolve("config.yaml");
    Files.writeString(file, config(PORT));
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @LocalServerPort int adminPort;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return get(adminPort, path, headers);
  }

  HttpResponse<byte[]> get(int port, String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void servesTheIndexForTheRootAndForClientSideRoutes() throws Exception {
    for (String path : new String[] {"/ui", "/ui/", "/ui/config", "/ui/keys/some/deeper/path"}) {
      var response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .get()
          .asString()
          .startsWith("text/html");
      assertThat(text(response)).as(path).contains("test UI index");
      assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
    }
  }

  @Test
  void servesHashedAssetsAsImmutableAndAMissingAssetIs404() throws Exception {
    var asset = get(ASSET);
    assertThat(asset.statusCode()).isEqualTo(200);
    assertThat(asset.headers().firstValue("Content-Type")).get().asString().contains("javascript");
    assertThat(text(asset)).contains("the quick brown fox");
    assertThat(asset.headers().firstValue("Cache-Control"))
        .hasValue("max-age=31536000, public, immutable");

    var missing = get("/ui/assets/index-Miss1ng.js");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).get().asString().contains("json");
    assertThat(text(missing)).contains("\"error\"").doesNotContain("test UI index");
  }

  @Test
  void pathsThatLeaveTheUiFolderAreNotServed() throws Exception {
    for (String path :
        new String[] {
          "/ui/assets/%2e%2e/%2e%2e/application.yaml",
          "/ui/..%2fapplication.yaml",
          "/ui/%2e%2e/agw-ui/index.html"
        }) {
      var response = get(path);
      assertThat(text(response)).as(path).doesNotContain("server:").doesNotContain("compression");
    }
  }

  @Test
  void theRootRedirectsToTheUi() throws Exception {
    var response = get("/");
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue("/ui/");
  }

  @Test
  void everyUiAnswerCarriesTheSecurityHeaders() throws Exception {
    for (String path : new String[] {"/ui/", ASSET, "/ui/assets/missing.js", "/ui/llm"}) {
      var headers = get(path).headers();
      assertThat(headers.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(headers.firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
      assertThat(headers.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(headers.firstValue("Content-Security-Policy"))
          .as(path)
          .get()
          .asString()
          .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval");
    }
  }

  @Test
  void theAdminPortCompressesTheUiButTrafficPortsAreUntouched() throws Exception {
    var asset = get(ASSET, "Accept-Encoding", "gzip");
    assertThat(asset.headers().firstValue("Content-Encoding")).hasValue("gzip");
    String unzipped =
        new String(
            new GZIPInputStream(new ByteArrayInputStream(asset.body())).readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(unzipped).contains("the quick brown fox");

    var traffic = get(PORT, "/", "Accept-Encoding", "gzip");
    assertThat(traffic.statusCode()).isEqualTo(200);
    assertThat(traffic.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(text(traffic)).startsWith("all work and no play");
  }

  @Test
  void theContentSecurityPolicyFollowsTheTrafficPortsAcrossAReload() throws Exception {
    String before = get("/ui/").headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(before)
        .contains("connect-src 'self' http://localhost:" + PORT + " http://127.0.0.1:" + PORT + ";")
        .doesNotContain(":" + NEW_PORT);

    Path tmp = file.resolveSibling("config.yaml.tmp");
    Files.writeString(tmp, config(NEW_PORT));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(get("/ui/").headers().firstValue("Content-Security-Policy"))
                      .get()
                      .asString()
                      .contains("http://localhost:" + NEW_PORT, "http://127.0.0.1:" + NEW_PORT)
                      .doesNotContain(":" + PORT + " ", ":" + PORT + ";"));
    } finally {
      Files.writeString(tmp, config(PORT));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> get(PORT, "/").statusCode() == 200);
    }
  }
}
