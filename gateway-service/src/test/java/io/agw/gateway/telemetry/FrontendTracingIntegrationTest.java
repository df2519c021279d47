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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code frontendPolicies.tracing} (agentgateway's newer form of {@code config.tracing}) turns
 * tracing on by itself: spans go over OTLP/gRPC (its default protocol) to the collector at {@code
 * host}, with its {@code attributes} set and {@code remove} left off, its {@code resources} as the
 * resource's attributes, and its {@code randomSampling} deciding for requests without a trace.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "agw.config.file=${agw.test.frontend-tracing-file}",
      "agw.bind-address=127.0.0.1",
      "management.opentelemetry.tracing.export.schedule-delay=100ms"
    })
class FrontendTracingIntegrationTest {

  static final OtlpGrpcReceiver OTLP = receiver();
  static final TestUpstream UPSTREAM = TestUpstream.start("traced-by-policy");
  static final int PORT = FreePorts.next();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static {
    // Before the context starts: the exporter's settings are read before the context exists.
    String yaml =
        """
        frontendPolicies:
          tracing:
            host: %s
            randomSampling: 'request.headers["x-trace-me"] == "yes"'
            attributes:
              team: 'request.headers["x-team"]'
            remove: [user_agent.original]
            resources:
              deployment.environment: '"staging-" + "eu"'
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: api
                    backends:
                      - host: %s
        """
            .formatted(OTLP.origin().substring("http://".length()), PORT, UPSTREAM.hostPort());
    try {
      Path file = Files.createTempDirectory("agw-frontend-tracing").resolve("config.yaml");
      Files.writeString(file, yaml);
      System.setProperty("agw.test.frontend-tracing-file", file.toString());
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
    System.clearProperty("agw.test.frontend-tracing-file");
  }

  @Test
  void thePolicyExportsSampledRequestsWithItsAttributesAndResources() throws Exception {
    assertThat(send(HttpRequest.newBuilder(uri("/not-asked")))).isEqualTo(200);
    assertThat(
            send(
                HttpRequest.newBuilder(uri("/asked"))
                    .header("x-trace-me", "yes")
                    .header("x-team", "green")
                    .header("User-Agent", "agw-test")))
        .isEqualTo(200);

    Span server =
        OTLP.awaitSpan(
            s ->
                s.getKind() == SpanKind.SPAN_KIND_SERVER
                    && "/asked".equals(attributes(s).get("url.path")));
    assertThat(attributes(server))
        .containsEntry("team", "green")
        .containsEntry("agw.route", "api")
        .doesNotContainKey("user_agent.original");
    assertThat(OTLP.resourceAttributes()).containsEntry("deployment.environment", "staging-eu");
    assertThat(OTLP.spans()).noneMatch(s -> "/not-asked".equals(attributes(s).get("url.path")));
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + PORT + path);
  }

  private static int send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
