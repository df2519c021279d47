package io.agw.gateway.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestUpstream;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/**
 * The {@code extProc} policy on a real gateway, against a real Envoy ext_proc gRPC server on
 * loopback ({@link TestExtProcServer}) and loopback upstreams: what the upstream receives after the
 * processor's changes, what the client gets back, immediate responses, failure modes, the CEL
 * metadata and attributes the processor receives, and SSE streaming through the policy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExtProcIntegrationTest {

  static final TestUpstream UP = TestUpstream.start("up");
  static final TestExtProcServer PROC = processor();
  static final AtomicReference<Sinks.Empty<Void>> SECOND_EVENT =
      new AtomicReference<>(Sinks.empty());
  static final DisposableServer SSE = sseUpstream();
  static final int PORT = FreePorts.next();

  static TestExtProcServer processor() {
    try {
      return new TestExtProcServer();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends one event, then the second only once the test has seen the first. */
  static DisposableServer sseUpstream() {
    return HttpServer.create()
        .host("127.0.0.1")
        .port(0)
        .handle(
            (req, res) ->
                res.header("content-type", "text/event-stream")
                    .sendString(
                        Flux.concat(
                            Mono.just("data: one\n\n"),
                            SECOND_EVENT.get().asMono().then(Mono.just("data: two\n\n")))))
        .bindNow();
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        new String(
                ExtProcIntegrationTest.class
                    .getResourceAsStream("/extproc/extproc.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("${PORT}", Integer.toString(PORT))
            .replace("${UP}", UP.hostPort())
            .replace("${PROC}", PROC.hostPort())
            .replace("${SSE}", "127.0.0.1:" + SSE.port())
            .replace("${DOWN}", "127.0.0.1:" + FreePorts.closed());
    Path file = Files.createTempDirectory("agw-extproc").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @AfterAll
  static void stop() throws Exception {
    UP.close();
    PROC.close();
    SSE.disposeNow();
  }

  WebTestClient client =
      WebTestClient.bindToServer()
          .baseUrl("http://127.0.0.1:" + PORT)
          .responseTimeout(Duration.ofSeconds(30))
          .build();

  @BeforeEach
  void reset() {
    UP.reset();
    PROC.streams.clear();
  }

  TestUpstream.Received upstream() {
    var received = UP.received();
    return received.get(received.size() - 1);
  }

  @Test
  void theProcessorAddsARequestHeaderAndItsMetadataReachesLaterPolicies() {
    client
        .get()
        .uri("/default/items?q=1")
        .header("x-user", "alice")
        .header("x-remove-me", "secret")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-response-processed", "yes")
        .expectBody()
        .jsonPath("$.uri")
        .isEqualTo("/default/items?q=1");
    assertThat(upstream().headers())
        .containsEntry("x-processed", "yes")
        .containsEntry("x-tier", "gold")
        .doesNotContainKey("x-remove-me");

    TestExtProcServer.Stream stream = PROC.last();
    assertThat(stream.tenant()).isEqualTo("acme");
    ProcessingRequest first = stream.messages().get(0);
    assertThat(first.hasRequestHeaders()).isTrue();
    assertThat(first.getRequestHeaders().getEndOfStream()).isTrue();
    assertThat(header(first, ":method")).isEqualTo("GET");
    assertThat(header(first, ":path")).isEqualTo("/default/items?q=1");
    assertThat(header(first, "x-user")).isEqualTo("alice");
    assertThat(first.getProtocolConfig().getRequestBodyMode())
        .isEqualTo(BodySendMode.FULL_DUPLEX_STREAMED);
    assertThat(
            first
                .getAttributesOrThrow("envoy.filters.http.ext_proc")
                .getFieldsOrThrow("path")
                .getStringValue())
        .isEqualTo("/default/items");
    assertThat(
            first
                .getMetadataContext()
                .getFilterMetadataOrThrow("team")
                .getFieldsOrThrow("user")
                .getStringValue())
        .isEqualTo("alice");
    assertThat(first.getMetadataContext().getFilterMetadataMap())
        .doesNotContainKey("agentgateway.dev.grpc_initial_metadata");

    ProcessingRequest responseHeaders =
        stream.messages().stream().filter(ProcessingRequest::hasResponseHeaders).findFirst().get();
    assertThat(header(responseHeaders, ":status")).isEqualTo("200");
    assertThat(
            responseHeaders
                .getAttributesOrThrow("envoy.filters.http.ext_proc")
                .getFieldsOrThrow("status")
                .getNumberValue())
        .isEqualTo(200.0);
    assertThat(responseHeaders.hasProtocolConfig()).isFalse();
  }

  @Test
  void aStreamedRequestBodyIsTheProcessorsAndTheResponseBodyStreamsThroughIt() {
    client
        .post()
        .uri("/default/upload")
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue("hello processor")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.body")
        .isEqualTo("HELLO PROCESSOR");
    assertThat(upstream().body()).isEqualTo("HELLO PROCESSOR");
    List<ProcessingRequest> messages = PROC.last().messages();
    assertThat(messages.stream().filter(ProcessingRequest::hasRequestBody))
        .anyMatch(m -> m.getRequestBody().getBody().toStringUtf8().equals("hello processor"))
        .anyMatch(m -> m.getRequestBody().getEndOfStream());
    assertThat(messages.stream().filter(ProcessingRequest::hasResponseBody))
        .anyMatch(m -> m.getResponseBody().getBody().toStringUtf8().contains("HELLO PROCESSOR"));
  }

  @Test
  void bufferedBodiesAreReplacedWithMatchingLengths() {
    client
        .post()
        .uri("/buffered/items")
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue("original")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentLength("{\"rewritten\":true}".length())
        .expectBody(String.class)
        .isEqualTo("{\"rewritten\":true}");
    assertThat(upstream().body()).isEqualTo("replaced:original");
    assertThat(upstream().headers())
        .containsEntry("content-length", Integer.toString("replaced:original".length()));
    ProcessingRequest body =
        PROC.last().messages().stream().filter(ProcessingRequest::hasRequestBody).findFirst().get();
    assertThat(body.getRequestBody().getBody().toStringUtf8()).isEqualTo("original");
    assertThat(body.getRequestBody().getEndOfStream()).isTrue();
  }

  @Test
  void anImmediateResponseGoesToTheClientAndNothingToTheUpstream() {
    client
        .post()
        .uri("/deny/items")
        .bodyValue("never sent")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .valueEquals("x-processor", "denied")
        .expectBody(String.class)
        .isEqualTo("denied by the processor");
    assertThat(UP.received()).isEmpty();
  }

  @Test
  void aFailingProcessorFailsTheRequestClosed() {
    client
        .get()
        .uri("/fail-closed")
        .exchange()
        .expectStatus()
        .isEqualTo(500)
        .expectBody()
        .jsonPath("$.error.type")
        .isEqualTo("external_processing_failed");
    assertThat(UP.received()).isEmpty();
    assertThat(PROC.streams).isNotEmpty();
  }

  @Test
  void aFailingProcessorLetsTheRequestGoOnUnprocessedWhenFailOpen() {
    client
        .get()
        .uri("/fail-open")
        .header("x-remove-me", "kept")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .doesNotExist("x-response-processed");
    assertThat(upstream().headers())
        .containsEntry("x-remove-me", "kept")
        .doesNotContainKey("x-processed");
  }

  @Test
  void anUnreachableProcessorKeepsTheBodyWhenFailOpenAndFailsClosedOtherwise() {
    client
        .post()
        .uri("/down-open")
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue("body kept")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(upstream().body()).isEqualTo("body kept");

    UP.reset();
    client.get().uri("/down-closed").exchange().expectStatus().isEqualTo(500);
    assertThat(UP.received()).isEmpty();
  }

  @Test
  void anSseResponseKeepsStreamingWhenTheProcessorOnlySeesHeaders() {
    assertStreams("/sse-headers");
    List<ProcessingRequest> messages = PROC.last().messages();
    assertThat(messages).anyMatch(ProcessingRequest::hasResponseHeaders);
    assertThat(messages).noneMatch(ProcessingRequest::hasResponseBody);
  }

  @Test
  void anSseResponseKeepsStreamingThroughAFullDuplexProcessor() {
    assertStreams("/sse-streamed");
    assertThat(PROC.last().messages()).anyMatch(ProcessingRequest::hasResponseBody);
  }

  /** The first event arrives while the upstream still holds the second back. */
  private void assertStreams(String path) {
    Sinks.Empty<Void> second = Sinks.empty();
    SECOND_EVENT.set(second);
    Flux<String> events =
        client
            .get()
            .uri(path)
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals("x-response-processed", "yes")
            .returnResult(String.class)
            .getResponseBody();
    StepVerifier.create(events)
        .expectNext("one")
        .then(second::tryEmitEmpty)
        .expectNext("two")
        .expectComplete()
        .verify(Duration.ofSeconds(30));
  }

  private static String header(ProcessingRequest message, String name) {
    var headers =
        message.hasRequestHeaders()
            ? message.getRequestHeaders().getHeaders()
            : message.getResponseHeaders().getHeaders();
    return headers.getHeadersList().stream()
        .filter(h -> h.getKey().equals(name))
        .map(h -> h.getValue().isEmpty() ? h.getRawValue().toStringUtf8() : h.getValue())
        .findFirst()
        .orElse(null);
  }
}
