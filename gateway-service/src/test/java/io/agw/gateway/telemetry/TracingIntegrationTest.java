package io.agw.gateway.telemetry;

import static io.agw.gateway.telemetry.OtlpReceiver.attributes;
import static io.agw.gateway.telemetry.OtlpReceiver.hex;
import static io.agw.gateway.telemetry.OtlpReceiver.names;
import static io.agw.gateway.telemetry.OtlpReceiver.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.McpPeers;
import io.agw.gateway.support.TestUpstream;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tracing end to end: the gateway exports over OTLP/HTTP (Boot's exporter, JDK sender) to a
 * receiver this test runs on loopback, and the spans it receives are checked against what the
 * caller sent and what the upstreams received: a plain HTTP route to a real upstream, an MCP route
 * to server-everything over stdio, and an LLM route to the OpenAI simulator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TracingIntegrationTest {

  static final OtlpReceiver OTLP = newReceiver();
  static final TestUpstream UPSTREAM = TestUpstream.start("traced");
  static final ProviderSimulator OPENAI = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  static final int PORT = FreePorts.next();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");

  static OtlpReceiver newReceiver() {
    try {
      return new OtlpReceiver();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        """
        binds:
          - port: %d
            listeners:
              - name: traffic
                routes:
                  - name: plain
                    matches:
                      - path: {pathPrefix: /api}
                    backends:
                      - host: %s
                  - name: tools
                    matches:
                      - path: {pathPrefix: /mcp}
                    backends:
                      - mcp:
                          targets:
                            - name: everything
                              stdio:
                                cmd: node
                                args: ["%s", "stdio"]
                  - name: chat
                    matches:
                      - path: {pathPrefix: /openai}
                    policies:
                      ai:
                        promptGuard:
                          request:
                            - regex:
                                rules: [{builtin: email}]
                    backends:
                      - ai:
                          name: openai
                          provider:
                            openAI: {}
                          hostOverride: %s
                          policies:
                            backendAuth:
                              key: sk-traced
        """
            .formatted(
                PORT, UPSTREAM.hostPort(), McpPeers.everything("stdio").get(1), OPENAI.hostPort());
    McpPeers.install();
    Path file = Files.createTempDirectory("agw-tracing").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
    registry.add("management.opentelemetry.tracing.export.otlp.endpoint", OTLP::endpoint);
    registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
    registry.add("management.tracing.sampling.probability", () -> "1.0");
  }

  @AfterAll
  static void stop() {
    OTLP.close();
    UPSTREAM.close();
    OPENAI.close();
  }

  @Test
  void requestJoinsTheCallersTraceAndTheUpstreamJoinsTheGateways() throws Exception {
    String traceId = randomHex(16);
    String callerSpan = randomHex(8);
    ListAppender<ILoggingEvent> access = accessLog();
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/items"))
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);

    // The upstream got the gateway's traceparent: same trace, the gateway's span as parent.
    String sent =
        UPSTREAM.received().get(UPSTREAM.received().size() - 1).headers().get("traceparent");
    Matcher upstream = TRACEPARENT.matcher(String.valueOf(sent));
    assertThat(upstream.matches()).as("upstream traceparent %s", sent).isTrue();
    assertThat(upstream.group(1)).isEqualTo(traceId);
    assertThat(upstream.group(2)).isNotEqualTo(callerSpan);

    List<Span> spans = OTLP.awaitTrace(traceId, 2);
    Span server = only(spans, SpanKind.SPAN_KIND_SERVER);
    assertThat(hex(server.getParentSpanId())).isEqualTo(callerSpan);
    assertThat(server.getName()).isEqualTo("GET");
    assertThat(attributes(server))
        .containsEntry("http.request.method", "GET")
        .containsEntry("url.path", "/api/items")
        .containsEntry("http.response.status_code", 200L)
        .containsEntry("agw.route", "plain");
    Span client = only(spans, SpanKind.SPAN_KIND_CLIENT);
    assertThat(hex(client.getParentSpanId())).isEqualTo(hex(server.getSpanId()));
    assertThat(hex(client.getSpanId())).isEqualTo(upstream.group(2));
    assertThat(attributes(client))
        .containsEntry("server.port", (long) UPSTREAM.port())
        .containsEntry("http.response.status_code", 200L);

    // The access line is written once the exchange has ended, possibly after the client read it.
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  List.copyOf(access.list).stream()
                      .map(ILoggingEvent::getFormattedMessage)
                      .anyMatch(line -> line.contains("\"trace_id\":\"" + traceId + "\"")));
    } finally {
      ((Logger) LoggerFactory.getLogger("agw.access")).detachAppender(access);
    }
  }

  @Test
  void callersUnsampledDecisionIsKeptAndPropagated() throws Exception {
    String unsampled = randomHex(16);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/quiet"))
                .header("traceparent", "00-" + unsampled + "-" + randomHex(8) + "-00")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    String sent =
        UPSTREAM.received().stream()
            .filter(r -> r.uri().equals("/api/quiet"))
            .reduce((a, b) -> b)
            .orElseThrow()
            .headers()
            .get("traceparent");
    assertThat(sent).startsWith("00-" + unsampled + "-").endsWith("-00");

    // A sampled request afterwards is exported; the unsampled one never is.
    String sampled = randomHex(16);
    HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/loud"))
            .header("traceparent", "00-" + sampled + "-" + randomHex(8) + "-01")
            .build(),
        HttpResponse.BodyHandlers.ofString());
    OTLP.awaitTrace(sampled, 2);
    assertThat(OTLP.spans()).noneMatch(s -> hex(s.getTraceId()).equals(unsampled));
  }

  @Test
  void mcpToolCallHasASpanNamedAfterTheTool() throws Exception {
    HttpResponse<String> init =
        mcp(
            null,
            null,
            Map.of(
                "jsonrpc",
                "2.0",
                "id",
                1,
                "method",
                "initialize",
                "params",
                Map.of(
                    "protocolVersion", "2025-06-18",
                    "capabilities", Map.of(),
                    "clientInfo", Map.of("name", "tracing-test", "version", "1"))));
    assertThat(init.statusCode()).isEqualTo(200);
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    mcp(session, null, Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));

    String traceId = randomHex(16);
    HttpResponse<String> call =
        mcp(
            session,
            "00-" + traceId + "-" + randomHex(8) + "-01",
            Map.of(
                "jsonrpc",
                "2.0",
                "id",
                2,
                "method",
                "tools/call",
                "params",
                Map.of("name", "echo", "arguments", Map.of("message", "traced"))));
    assertThat(call.body()).contains("Echo: traced");

    List<Span> spans = OTLP.awaitTrace(traceId, 2);
    Span http = spans.stream().filter(s -> s.getName().equals("POST")).findFirst().orElseThrow();
    Span tool =
        spans.stream()
            .filter(s -> s.getName().equals("tools/call echo"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no tools/call span in " + names(spans)));
    assertThat(tool.getKind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
    assertThat(hex(tool.getParentSpanId())).isEqualTo(hex(http.getSpanId()));
    assertThat(tool.getStatus().getCode()).isNotEqualTo(StatusCode.STATUS_CODE_ERROR);
    Map<String, Object> attributes = attributes(tool);
    assertThat(attributes)
        .containsEntry("mcp.method.name", "tools/call")
        .containsEntry("gen_ai.tool.name", "echo")
        .containsEntry("gen_ai.operation.name", "execute_tool")
        .containsEntry("mcp.protocol.version", "2025-06-18");
    // Correlates the session's requests without exporting the id a client presents.
    assertThat((String) attributes.get("mcp.session.id"))
        .matches("[0-9a-f]{32}")
        .isNotEqualTo(session);

    // A JSON-RPC error (here: a method no MCP server has) marks the span as failed.
    String failedTrace = randomHex(16);
    HttpResponse<String> unknown =
        mcp(
            session,
            "00-" + failedTrace + "-" + randomHex(8) + "-01",
            Map.of("jsonrpc", "2.0", "id", 3, "method", "no/such-method"));
    assertThat(unknown.body()).contains("-32601");
    Span failed =
        OTLP.awaitTrace(failedTrace, 2).stream()
            .filter(s -> s.getName().equals("no/such-method"))
            .findFirst()
            .orElseThrow();
    assertThat(failed.getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(attributes(failed))
        .containsEntry("mcp.method.name", "no/such-method")
        .containsEntry("error.type", "-32601");
  }

  @Test
  void llmCallHasAGenAiSpanAboveItsProviderRequest() throws Exception {
    String traceId = randomHex(16);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + PORT + "/openai/v1/chat/completions"))
                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        """
                        {"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}
                        """))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);

    List<Span> spans = OTLP.awaitTrace(traceId, 3);
    Span llm =
        spans.stream()
            .filter(s -> s.getName().equals("chat gpt-4o-mini"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no LLM span in " + names(spans)));
    Span server = only(spans, SpanKind.SPAN_KIND_SERVER);
    assertThat(hex(llm.getParentSpanId())).isEqualTo(hex(server.getSpanId()));
    assertThat(attributes(llm))
        .containsEntry("gen_ai.operation.name", "chat")
        .containsEntry("gen_ai.provider.name", "openai")
        .containsEntry("gen_ai.request.model", "gpt-4o-mini")
        .containsKey("gen_ai.usage.input_tokens")
        .containsKey("gen_ai.usage.output_tokens");
    Span attempt =
        spans.stream()
            .filter(s -> s.getKind() == SpanKind.SPAN_KIND_CLIENT && s != llm)
            .filter(s -> hex(s.getParentSpanId()).equals(hex(llm.getSpanId())))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no provider request span in " + names(spans)));
    Matcher sent = TRACEPARENT.matcher(String.valueOf(OPENAI.last().headers().get("traceparent")));
    assertThat(sent.matches()).isTrue();
    assertThat(sent.group(2)).isEqualTo(hex(attempt.getSpanId()));
  }

  @Test
  void guardrailDecisionsAreEventsOfTheServerSpanWithoutTheMatchedText() throws Exception {
    String traceId = randomHex(16);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + PORT + "/openai/v1/chat/completions"))
                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        """
                        {"model":"gpt-4o-mini","messages":[{"role":"user","content":"to jane@corp.example"}]}
                        """))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);

    Span server = only(OTLP.awaitTrace(traceId, 3), SpanKind.SPAN_KIND_SERVER);
    List<Span.Event> events =
        server.getEventsList().stream()
            .filter(e -> e.getName().equals("agw.guardrail.decision"))
            .toList();
    assertThat(events).hasSize(1);
    Map<String, String> decision = new java.util.HashMap<>();
    events
        .get(0)
        .getAttributesList()
        .forEach(a -> decision.put(a.getKey(), a.getValue().getStringValue()));
    assertThat(decision)
        .containsEntry("agw.guardrail.guard", "regex")
        .containsEntry("agw.guardrail.phase", "request")
        .containsEntry("agw.guardrail.action", "mask");
    assertThat(server.toString()).doesNotContain("jane", "corp.example");
  }

  private static HttpResponse<String> mcp(String session, String traceparent, Object body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/mcp"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (session != null) {
      request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
    }
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static ListAppender<ILoggingEvent> accessLog() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger("agw.access")).addAppender(appender);
    return appender;
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    b[0] |= 1; // never all zeros (an invalid id)
    return HexFormat.of().formatHex(b);
  }
}
