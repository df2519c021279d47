package io.agw.gateway.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code config.dns.lookupFamily} decides which addresses a backend's host name resolves to: with
 * {@code V6Only}, a backend named {@code localhost} is looked up as IPv6 only, so an upstream that
 * listens on 127.0.0.1 alone is not reached (503), while the same upstream named by its IPv4
 * literal is. Without the setting, {@code localhost} resolves to 127.0.0.1 and the request would
 * succeed.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"agw.config.file=${agw.test.dns-file}", "agw.bind-address=127.0.0.1"})
class DnsLookupFamilyIntegrationTest {

  /** Listens on 127.0.0.1 only. */
  static final TestUpstream UPSTREAM = TestUpstream.start("ipv4-only");

  static final int PORT = FreePorts.next();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static {
    // Before the context starts: the process settings are read before the Spring context exists.
    String yaml =
        """
        config:
          dns:
            lookupFamily: V6Only
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: by-name
                    matches: [{path: {pathPrefix: /by-name}}]
                    backends: [{host: "localhost:%d"}]
                  - name: by-address
                    backends: [{host: "127.0.0.1:%d"}]
        """
            .formatted(PORT, UPSTREAM.port(), UPSTREAM.port());
    try {
      Path file = Files.createTempDirectory("agw-dns-file").resolve("config.yaml");
      Files.writeString(file, yaml);
      System.setProperty("agw.test.dns-file", file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    UPSTREAM.close();
    System.clearProperty("agw.test.dns-file");
  }

  @Test
  void aBackendNamedLocalhostIsResolvedAsIpv6OnlyAndMissesTheIpv4Upstream() throws Exception {
    assertThat(get("/by-address").statusCode()).isEqualTo(200);

    HttpResponse<String> byName = get("/by-name");
    assertThat(byName.statusCode()).isEqualTo(503);
    assertThat(UPSTREAM.received()).noneMatch(r -> r.uri().startsWith("/by-name"));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
            .timeout(Duration.ofSeconds(90))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
