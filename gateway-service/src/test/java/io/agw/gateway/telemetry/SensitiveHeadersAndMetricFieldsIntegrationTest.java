package io.agw.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code config.sensitiveHeaders} adds headers to those whose values {@code redacted()} hides, as
 * an access-log line shows them; {@code config.metrics.fields.add} puts CEL-computed labels on the
 * request metric of the Prometheus scrape. Both are read at startup from the file.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"agw.config.file=${agw.test.obs-file}", "agw.bind-address=127.0.0.1"})
class SensitiveHeadersAndMetricFieldsIntegrationTest {

  static final TestUpstream UPSTREAM = TestUpstream.start("observed");
  static final int PORT = FreePorts.next();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final JsonMapper JSON = JsonMapper.builder().build();

  static {
    // Before the context starts: the startup settings are read before the Spring context exists.
    String yaml =
        """
        config:
          sensitiveHeaders: [X-Session-Token]
          logging:
            format: json
            fields:
              add:
                headers: 'request.headers.redacted()'
          metrics:
            fields:
              add:
                team: 'request.headers["x-team"]'
                size: 'request.path.size()'
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: api
                    backends:
                      - host: %s
        """
            .formatted(PORT, UPSTREAM.hostPort());
    try {
      Path file = Files.createTempDirectory("agw-obs-file").resolve("config.yaml");
      Files.writeString(file, yaml);
      System.setProperty("agw.test.obs-file", file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @LocalServerPort int adminPort;

  @AfterAll
  static void stop() {
    UPSTREAM.close();
    System.clearProperty("agw.test.obs-file");
  }

  @Test
  void configuredSensitiveHeaderIsRedactedInTheAccessLog() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("agw.access");
    ListAppender<ILoggingEvent> access = new ListAppender<>();
    access.start();
    logger.addAppender(access);
    try {
      String path = "/redact-" + UUID.randomUUID();
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                  .header("X-Session-Token", "session-secret-value")
                  .header("Authorization", "Bearer built-in-secret")
                  .header("X-Visible", "shown")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);

      JsonNode line =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () ->
                      access.list.stream()
                          .map(e -> JSON.readTree(e.getFormattedMessage()))
                          .filter(n -> n.path("path").asString("").equals(path))
                          .findFirst()
                          .orElse(null),
                  n -> n != null);
      JsonNode headers = line.path("headers");
      assertThat(headers.path("x-session-token").asString()).isEqualTo("<redacted>");
      assertThat(headers.path("authorization").asString()).isEqualTo("<redacted>");
      assertThat(headers.path("x-visible").asString()).isEqualTo("shown");
      assertThat(line.toString()).doesNotContain("session-secret-value");
    } finally {
      logger.detachAppender(access);
    }
  }

  @Test
  void metricFieldsBecomeLabelsOfTheRequestMetric() throws Exception {
    HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/labelled"))
            .header("x-team", "blue")
            .build(),
        HttpResponse.BodyHandlers.ofString());
    HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/anonymous")).build(),
        HttpResponse.BodyHandlers.ofString());

    HttpResponse<String> scrape =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + adminPort + "/actuator/prometheus"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.statusCode()).isEqualTo(200);
    // A string value is the label's value; no header (an error) or a number is "unknown".
    assertThat(scrape.body().lines().filter(l -> l.startsWith("agw_requests_seconds_count{")))
        .anyMatch(l -> l.contains("team=\"blue\"") && l.contains("size=\"unknown\""))
        .anyMatch(l -> l.contains("team=\"unknown\"") && l.contains("route=\"api\""))
        .allMatch(l -> l.contains("team=\"") && l.contains("size=\""));
  }
}
