package io.agw.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestUpstream;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
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
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code frontendPolicies.accessLog.otlp} and the rest of {@code frontendPolicies.tracing}, against
 * real OTLP/gRPC receivers on loopback: every request the otlp {@code filter} keeps arrives as a
 * log record with the access log's fields (after its {@code add} and {@code remove}) as attributes,
 * severity INFO and the request's trace and span ids, sent with the {@code policies}' bearer key
 * and header; the tracing collector is reached through a named {@code backend} whose {@code
 * backendTLS} trusts the test CA, and only requests whose tracing {@code filter} is true have spans
 * there.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "agw.config.file=${agw.test.otlp-log-file}",
      "agw.bind-address=127.0.0.1",
      "management.opentelemetry.tracing.export.schedule-delay=100ms",
      "agw.access-log.otlp.schedule-delay=100ms"
    })
@TestMethodOrder(MethodOrderer.MethodName.class)
class AccessLogOtlpIntegrationTest {

  static final OtlpGrpcReceiver LOGS = receiver(false);
  static final OtlpGrpcReceiver SPANS = receiver(true);
  static final OtlpReceiver RELOADED = httpReceiver();
  static final TestUpstream UPSTREAM = TestUpstream.start("logged");
  static final int PORT = FreePorts.next();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static {
    // Before the context starts: the span exporter is built from the file at startup.
    try {
      Path ca = Path.of(AccessLogOtlpIntegrationTest.class.getResource("/tls/ca.pem").toURI());
      String yaml =
          """
          backends:
            - name: collector
              host: localhost:%s
              policies:
                backendTLS:
                  root: %s
          frontendPolicies:
            tracing:
              backend: collector
              randomSampling: true
              filter: 'request.headers["x-keep"] == "yes"'
            accessLog:
              add:
                team: 'request.headers["x-team"]'
              remove: [bytes]
              otlp:
                host: %s
                filter: 'request.path != "/skip"'
                policies:
                  backendAuth:
                    key: otlp-secret
                  requestHeaderModifier:
                    set:
                      x-tenant: blue
          binds:
            - port: %d
              listeners:
                - routes:
                    - name: api
                      backends:
                        - host: %s
          """
              .formatted(
                  SPANS.hostPort().split(":")[1], ca, LOGS.hostPort(), PORT, UPSTREAM.hostPort());
      Path file = Files.createTempDirectory("agw-otlp-log").resolve("config.yaml");
      Files.writeString(file, yaml);
      System.setProperty("agw.test.otlp-log-file", file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static OtlpGrpcReceiver receiver(boolean tls) {
    try {
      return tls ? OtlpGrpcReceiver.tls() : new OtlpGrpcReceiver();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static OtlpReceiver httpReceiver() {
    try {
      return new OtlpReceiver();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    LOGS.close();
    SPANS.close();
    RELOADED.close();
    UPSTREAM.close();
    System.clearProperty("agw.test.otlp-log-file");
  }

  @Test
  void a_eachLoggedRequestArrivesAsALogRecordWithTheAccessLogFieldsAndItsTrace() throws Exception {
    assertThat(
            send(
                HttpRequest.newBuilder(uri("/logged"))
                    .header("x-team", "green")
                    .header("x-keep", "yes")))
        .isEqualTo(200);

    LogRecord record = LOGS.awaitLog(r -> "/logged".equals(attributes(r).get("path")));
    assertThat(attributes(record))
        .containsEntry("route", "api")
        .containsEntry("method", "GET")
        .containsEntry("status", 200L)
        .containsEntry("team", "green")
        .containsKey("duration_ms")
        .doesNotContainKey("bytes");
    assertThat(record.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_INFO);
    assertThat(record.getSeverityText()).isEqualTo("INFO");
    String traceId = OtlpReceiver.hex(record.getTraceId());
    assertThat(traceId).isEqualTo(attributes(record).get("trace_id"));
    assertThat(LOGS.logScopes()).contains(AccessLogExport.SCOPE);
    assertThat(LOGS.authorizations()).contains("Bearer otlp-secret");
    assertThat(LOGS.metadata("x-tenant")).contains("blue");

    // The same request's server span, over TLS to the backend named in tracing.
    Span server =
        SPANS.awaitSpan(
            s ->
                s.getKind() == SpanKind.SPAN_KIND_SERVER
                    && "/logged".equals(OtlpGrpcReceiver.attributes(s).get("url.path")));
    assertThat(OtlpReceiver.hex(server.getTraceId())).isEqualTo(traceId);
    assertThat(OtlpReceiver.hex(record.getSpanId()))
        .isEqualTo(OtlpReceiver.hex(server.getSpanId()));
  }

  @Test
  void b_theOtlpFilterDropsRecordsItRejects() throws Exception {
    assertThat(send(HttpRequest.newBuilder(uri("/skip")))).isEqualTo(200);
    assertThat(send(HttpRequest.newBuilder(uri("/after-skip")))).isEqualTo(200);

    // Records leave in order through one queue: once the later one is in, the first is not coming.
    LOGS.awaitLog(r -> "/after-skip".equals(attributes(r).get("path")));
    assertThat(LOGS.logRecords()).noneMatch(r -> "/skip".equals(attributes(r).get("path")));
  }

  @Test
  void c_theTracingFilterExportsOnlyTheSpansOfRequestsItKeeps() throws Exception {
    assertThat(send(HttpRequest.newBuilder(uri("/not-kept")))).isEqualTo(200);
    assertThat(send(HttpRequest.newBuilder(uri("/kept")).header("x-keep", "yes"))).isEqualTo(200);

    SPANS.awaitSpan(s -> "/kept".equals(OtlpGrpcReceiver.attributes(s).get("url.path")));
    assertThat(SPANS.spans())
        .noneMatch(s -> "/not-kept".equals(OtlpGrpcReceiver.attributes(s).get("url.path")));
    // Not traced out, but still logged (the tracing filter is not the access log's).
    LogRecord notKept = LOGS.awaitLog(r -> "/not-kept".equals(attributes(r).get("path")));
    assertThat(attributes(notKept)).containsEntry("status", 200L);
  }

  /**
   * The collector is reloadable: a rewritten file sends the next records to the new one, here over
   * OTLP/HTTP to {@code /v1/logs}.
   */
  @Test
  void z_aReloadMovesTheExportToAnotherCollector() throws Exception {
    Path file = Path.of(System.getProperty("agw.test.otlp-log-file"));
    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                "host: " + LOGS.hostPort(), "host: " + RELOADED.origin() + "\n      protocol: http")
            .replace("key: otlp-secret", "key: reloaded-secret"));

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              send(HttpRequest.newBuilder(uri("/after-reload")));
              return RELOADED.logRecords().stream()
                  .anyMatch(
                      r -> "/after-reload".equals(OtlpGrpcReceiver.attributes(r).get("path")));
            });
    assertThat(RELOADED.authorizations()).contains("Bearer reloaded-secret");
  }

  private static Map<String, Object> attributes(LogRecord record) {
    return OtlpGrpcReceiver.attributes(record);
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + PORT + path);
  }

  private static int send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
