package io.agw.gateway.telemetry;

import static io.agw.gateway.telemetry.OtlpReceiver.attributes;
import static io.agw.gateway.telemetry.OtlpReceiver.hex;
import static io.agw.gateway.telemetry.OtlpReceiver.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestUpstream;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code config.tracing} in the configuration file turns tracing on by itself (no {@code
 * management.*} property): spans go to the file's {@code otlpEndpoint} and {@code path} with its
 * {@code headers}; {@code randomSampling: false} records no trace the gateway would start, {@code
 * clientSampling: true} records those the caller sampled; {@code fields.add} puts CEL-computed
 * attributes on the request's span and {@code fields.remove} keeps standard ones off. The receiver
 * is a real OTLP/HTTP server on loopback. {@code config.metrics.remove} keeps a metric out of the
 * Prometheus scrape.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "agw.config.file=${agw.test.tracing-file}",
      "agw.bind-address=127.0.0.1",
      "management.opentelemetry.tracing.export.schedule-delay=100ms"
    })
class TelemetryFileSettingsIntegrationTest {

  static final OtlpReceiver OTLP = receiver();
  static final TestUpstream UPSTREAM = TestUpstream.start("traced-by-file");
  static final int PORT = FreePorts.next();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static {
    // Before the context starts: config.tracing is read before the Spring context exists.
    String yaml =
        """
        config:
          tracing:
            otlpEndpoint: %s/ignored-path
            otlpProtocol: http
            path: /custom/traces
            headers:
              Authorization: Bearer collector-token
            randomSampling: false
            clientSampling: true
            fields:
              add:
                team: 'request.headers["x-team"]'
                status_class: 'response.code / 100'
              remove: [user_agent.original, url.path]
          metrics:
            remove: [agw.requests]
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: api
                    backends:
                      - host: %s
        """
            .formatted(OTLP.origin(), PORT, UPSTREAM.hostPort());
    try {
      Path file = Files.createTempDirectory("agw-tracing-file").resolve("config.yaml");
      Files.writeString(file, yaml);
      System.setProperty("agw.test.tracing-file", file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static OtlpReceiver receiver() {
    try {
      return new OtlpReceiver("/custom/traces");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @LocalServerPort int adminPort;

  @AfterAll
  static void stop() {
    OTLP.close();
    UPSTREAM.close();
    System.clearProperty("agw.test.tracing-file");
  }

  @Test
  void spansOfSampledCallersCarryTheFileFieldsAndNewTracesAreNotStarted() throws Exception {
    // No traceparent: randomSampling false, so the gateway starts no recorded trace.
    HttpResponse<String> untraced =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/untraced")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(untraced.statusCode()).isEqualTo(200);

    String traceId = randomHex(16);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/traced"))
                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .header("x-team", "blue")
                .header("User-Agent", "agw-test")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);

    List<Span> spans = OTLP.awaitTrace(traceId, 2);
    Map<String, Object> server = attributes(only(spans, SpanKind.SPAN_KIND_SERVER));
    assertThat(server)
        .containsEntry("team", "blue")
        .containsEntry("status_class", 2L)
        .containsEntry("http.request.method", "GET")
        .containsEntry("agw.route", "api")
        .doesNotContainKey("user_agent.original")
        .doesNotContainKey("url.path");
    assertThat(OTLP.authorizations()).isNotEmpty().allMatch("Bearer collector-token"::equals);
    // Only the caller-sampled trace was exported: the untraced request left no server span.
    assertThat(OTLP.spans())
        .filteredOn(s -> s.getKind() == SpanKind.SPAN_KIND_SERVER)
        .allMatch(s -> hex(s.getTraceId()).equals(traceId));
  }

  @Test
  void removedMetricIsNotScraped() throws Exception {
    HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/counted")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> scrape =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + adminPort + "/actuator/prometheus"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body()).contains("jvm_memory_used_bytes").doesNotContain("agw_requests");
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    b[0] |= 1;
    return HexFormat.of().formatHex(b);
  }
}
