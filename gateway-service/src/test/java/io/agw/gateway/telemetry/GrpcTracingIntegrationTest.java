package io.agw.gateway.telemetry;

import static io.agw.gateway.telemetry.OtlpGrpcReceiver.attributes;
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
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code config.tracing} without {@code otlpProtocol} exports over OTLP/gRPC (agentgateway's
 * default) to a real gRPC receiver on loopback, with the file's {@code headers} as call metadata
 * and its {@code fields.add} on the spans; {@code randomSampling} and {@code clientSampling}
 * written as CEL expressions decide per request whether its trace is recorded.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "agw.config.file=${agw.test.grpc-tracing-file}",
      "agw.bind-address=127.0.0.1",
      "management.opentelemetry.tracing.export.schedule-delay=100ms"
    })
class GrpcTracingIntegrationTest {

  static final OtlpGrpcReceiver OTLP = receiver();
  static final TestUpstream UPSTREAM = TestUpstream.start("traced-over-grpc");
  static final int PORT = FreePorts.next();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static {
    // Before the context starts: config.tracing is read before the Spring context exists.
    String yaml =
        """
        config:
          tracing:
            otlpEndpoint: %s
            headers:
              Authorization: Bearer grpc-collector-token
              x-tenant: team-a
            randomSampling: 'request.path.startsWith("/sampled") ? 1.0 : 0.0'
            clientSampling: 'request.headers["x-keep"] == "yes"'
            fields:
              add:
                team: 'request.headers["x-team"]'
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
      Path file = Files.createTempDirectory("agw-grpc-tracing").resolve("config.yaml");
      Files.writeString(file, yaml);
      System.setProperty("agw.test.grpc-tracing-file", file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static OtlpGrpcReceiver receiver() {
    try {
      return new OtlpGrpcReceiver();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    OTLP.close();
    UPSTREAM.close();
    System.clearProperty("agw.test.grpc-tracing-file");
  }

  @Test
  void spansArriveOverGrpcWithTheFileHeadersAsMetadata() throws Exception {
    assertThat(get("/sampled/grpc", null, "blue").statusCode()).isEqualTo(200);

    Span server = OTLP.awaitSpan(s -> isServer(s, "/sampled/grpc"));
    assertThat(attributes(server))
        .containsEntry("team", "blue")
        .containsEntry("http.request.method", "GET")
        .containsEntry("agw.route", "api");
    assertThat(OTLP.authorizations()).isNotEmpty().allMatch("Bearer grpc-collector-token"::equals);
    assertThat(OTLP.metadata("x-tenant")).isNotEmpty().allMatch("team-a"::equals);
  }

  @Test
  void samplingExpressionsDecidePerRequest() throws Exception {
    // Not recorded: no traceparent and randomSampling gives 0.0; a traceparent without x-keep.
    assertThat(get("/skipped/random", null, null).statusCode()).isEqualTo(200);
    String dropped = randomHex(16);
    assertThat(get("/skipped/client", dropped, null).statusCode()).isEqualTo(200);
    // Recorded: randomSampling gives 1.0; clientSampling true with x-keep: yes.
    assertThat(get("/sampled/random", null, null).statusCode()).isEqualTo(200);
    String kept = randomHex(16);
    HttpResponse<String> keptResponse =
        HTTP.send(
            request("/kept/client", kept, null).header("x-keep", "yes").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(keptResponse.statusCode()).isEqualTo(200);

    OTLP.awaitSpan(s -> isServer(s, "/sampled/random"));
    Span client = OTLP.awaitSpan(s -> isServer(s, "/kept/client"));
    assertThat(HexFormat.of().formatHex(client.getTraceId().toByteArray())).isEqualTo(kept);
    // The requests sent before the recorded ones were exported no later than they were.
    assertThat(OTLP.spans())
        .noneMatch(s -> isServer(s, "/skipped/random"))
        .noneMatch(s -> isServer(s, "/skipped/client"));
  }

  private static boolean isServer(Span span, String path) {
    return span.getKind() == SpanKind.SPAN_KIND_SERVER
        && path.equals(attributes(span).get("url.path"));
  }

  private static HttpResponse<String> get(String path, String traceId, String team)
      throws Exception {
    return HTTP.send(request(path, traceId, team).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String path, String traceId, String team) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path));
    if (traceId != null) {
      b.header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01");
    }
    if (team != null) {
      b.header("x-team", team);
    }
    return b;
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    b[0] |= 1;
    return HexFormat.of().formatHex(b);
  }
}
