package io.agw.gateway.mcp.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.mcp.json.McpJson;
import io.agw.model.resource.v1.BuiltinPattern;
import io.agw.model.resource.v1.McpGuardrailPhase;
import io.agw.model.resource.v1.McpGuardrailProcessor;
import io.agw.model.resource.v1.RegexGuard;
import io.agw.model.resource.v1.RegexGuardRule;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the processors read and change in requests and results of each method, their order, and the
 * rejection; see {@code McpGuardrailsIntegrationTest} for the same through the gateway.
 */
class McpGuardrailsTest {

  private static McpGuardrailProcessor processor(
      String methods, McpGuardrailPhase phase, boolean reject, RegexGuardRule... rules) {
    return McpGuardrailProcessor.newBuilder()
        .putMethods(methods, phase)
        .setRegex(RegexGuard.newBuilder().setReject(reject).addAllRules(List.of(rules)))
        .build();
  }

  private static RegexGuardRule email() {
    return RegexGuardRule.newBuilder().setBuiltin(BuiltinPattern.BUILTIN_EMAIL).build();
  }

  private static RegexGuardRule pattern(String regex) {
    return RegexGuardRule.newBuilder().setPattern(regex).build();
  }

  private static McpGuardrails guardrails(McpGuardrailProcessor... processors) {
    return McpGuardrails.of(
        io.agw.model.resource.v1.McpGuardrails.newBuilder()
            .addAllProcessors(List.of(processors))
            .build());
  }

  private static JSONRPCRequest call(Map<String, Object> arguments) {
    return new JSONRPCRequest(
        McpSchema.JSONRPC_VERSION,
        McpSchema.METHOD_TOOLS_CALL,
        1,
        Map.of("name", "t", "arguments", arguments, "_meta", Map.of("note", "a@b.example.com")));
  }

  private static JSONRPCResponse result(Object result) {
    return new JSONRPCResponse(McpSchema.JSONRPC_VERSION, 1, result, null);
  }

  @Test
  void everyStringOfTheArgumentsIsMaskedAndNothingElse() {
    McpGuardrails g =
        guardrails(
            processor("tools/call", McpGuardrailPhase.MCP_GUARDRAIL_PHASE_REQUEST, false, email()));
    Map<String, Object> arguments =
        Map.of(
            "to",
            "jo@example.com",
            "cc",
            List.of("x@example.org", 7),
            "nested",
            Map.of("a@example.com", Map.of("reply", "me@example.net")),
            "count",
            3);
    JSONRPCRequest request = call(arguments);

    JSONRPCRequest guarded = g.onRequest(request).request();

    Map<String, Object> params = McpJson.object(guarded.params());
    assertThat(params)
        .containsEntry("name", "t")
        .containsEntry("_meta", Map.of("note", "a@b.example.com"));
    assertThat(McpJson.object(params.get("arguments")))
        .containsEntry("to", "<EMAIL_ADDRESS>")
        .containsEntry("cc", List.of("<EMAIL_ADDRESS>", 7))
        .containsEntry("nested", Map.of("a@example.com", Map.of("reply", "<EMAIL_ADDRESS>")))
        .containsEntry("count", 3);
    // The client's request itself is left as it was.
    assertThat(McpJson.object(McpJson.object(request.params()).get("arguments")))
        .isEqualTo(arguments);
  }

  @Test
  void aRequestWithNothingToMaskIsPassedOnAsItIs() {
    McpGuardrails g =
        guardrails(
            processor("tools/call", McpGuardrailPhase.MCP_GUARDRAIL_PHASE_FULL, false, email()));
    JSONRPCRequest request = call(Map.of("text", "nothing here"));
    assertThat(g.onRequest(request).request()).isSameAs(request);
    JSONRPCResponse answer =
        result(Map.of("content", List.of(Map.of("type", "text", "text", "x"))));
    assertThat(g.onResponse(McpSchema.METHOD_TOOLS_CALL, answer)).isSameAs(answer);
  }

  @Test
  void toolResultsAreMaskedInTextEmbeddedResourcesAndStructuredContentOnly() {
    McpGuardrails g =
        guardrails(
            processor("tools/*", McpGuardrailPhase.MCP_GUARDRAIL_PHASE_RESPONSE, false, email()));
    Map<String, Object> image =
        Map.of("type", "image", "data", "am9AZXhhbXBsZS5jb20=", "mimeType", "image/png");
    JSONRPCResponse answer =
        result(
            Map.of(
                "content",
                List.of(
                    Map.of("type", "text", "text", "write to jo@example.com"),
                    image,
                    Map.of(
                        "type",
                        "resource",
                        "resource",
                        Map.of("uri", "mailto:jo@example.com", "text", "jo@example.com"))),
                "structuredContent",
                Map.of("people", List.of(Map.of("mail", "jo@example.com", "age", 40))),
                "isError",
                false));

    Map<String, Object> masked =
        McpJson.object(g.onResponse(McpSchema.METHOD_TOOLS_CALL, answer).result());

    assertThat(masked.get("content"))
        .isEqualTo(
            List.of(
                Map.of("type", "text", "text", "write to <EMAIL_ADDRESS>"),
                image,
                Map.of(
                    "type",
                    "resource",
                    "resource",
                    Map.of("uri", "mailto:jo@example.com", "text", "<EMAIL_ADDRESS>"))));
    assertThat(masked.get("structuredContent"))
        .isEqualTo(Map.of("people", List.of(Map.of("mail", "<EMAIL_ADDRESS>", "age", 40))));
    assertThat(masked).containsEntry("isError", false);
  }

  @Test
  void promptsAndResourcesAreReadToo() {
    McpGuardrails g =
        guardrails(processor("*", McpGuardrailPhase.MCP_GUARDRAIL_PHASE_FULL, false, email()));
    JSONRPCRequest prompt =
        new JSONRPCRequest(
            McpSchema.JSONRPC_VERSION,
            McpSchema.METHOD_PROMPT_GET,
            2,
            Map.of("name", "p", "arguments", Map.of("who", "jo@example.com")));
    assertThat(McpJson.object(g.onRequest(prompt).request().params()).get("arguments"))
        .isEqualTo(Map.of("who", "<EMAIL_ADDRESS>"));
    JSONRPCResponse messages =
        result(
            Map.of(
                "messages",
                List.of(
                    Map.of(
                        "role",
                        "user",
                        "content",
                        Map.of("type", "text", "text", "jo@example.com")))));
    assertThat(McpJson.object(g.onResponse(McpSchema.METHOD_PROMPT_GET, messages).result()))
        .containsEntry(
            "messages",
            List.of(
                Map.of(
                    "role", "user", "content", Map.of("type", "text", "text", "<EMAIL_ADDRESS>"))));
    JSONRPCResponse contents =
        result(
            Map.of(
                "contents",
                List.of(
                    Map.of("uri", "file:///a", "text", "owner: jo@example.com"),
                    Map.of("uri", "file:///b", "blob", "am9AZXhhbXBsZS5jb20="))));
    assertThat(McpJson.object(g.onResponse(McpSchema.METHOD_RESOURCES_READ, contents).result()))
        .containsEntry(
            "contents",
            List.of(
                Map.of("uri", "file:///a", "text", "owner: <EMAIL_ADDRESS>"),
                Map.of("uri", "file:///b", "blob", "am9AZXhhbXBsZS5jb20=")));
  }

  @Test
  void laterProcessorsSeeTheMasksOfEarlierOnesAndTheFirstRejectionEndsTheRun() {
    McpGuardrails g =
        guardrails(
            processor("tools/call", McpGuardrailPhase.MCP_GUARDRAIL_PHASE_REQUEST, false, email()),
            // Would reject any address, but the first processor masked it.
            processor(
                "tools/call", McpGuardrailPhase.MCP_GUARDRAIL_PHASE_REQUEST, true, pattern("@")),
            processor(
                "tools/call",
                McpGuardrailPhase.MCP_GUARDRAIL_PHASE_REQUEST,
                true,
                pattern("secret")));

    assertThat(g.onRequest(call(Map.of("m", "jo@example.com"))).rejection()).isNull();

    McpGuardrails.GuardedRequest rejected = g.onRequest(call(Map.of("m", "the secret")));
    assertThat(rejected.request()).isNull();
    JSONRPCError error = rejected.rejection().error();
    assertThat(rejected.rejection().id()).isEqualTo(1);
    assertThat(error.code()).isEqualTo(McpGuardrails.REJECTED);
    assertThat(error.message())
        .isEqualTo("Rejected by mcpGuardrails: the request's arguments match a guarded pattern")
        .doesNotContain("secret");
  }

  @Test
  void errorAnswersAndOtherMethodsPassUnchanged() {
    McpGuardrails g =
        guardrails(
            processor("*", McpGuardrailPhase.MCP_GUARDRAIL_PHASE_FULL, true, pattern("(?s).+")));
    JSONRPCResponse error =
        new JSONRPCResponse(
            McpSchema.JSONRPC_VERSION, 1, null, new JSONRPCError(-32602, "Unknown tool: x", null));
    assertThat(g.onResponse(McpSchema.METHOD_TOOLS_CALL, error)).isSameAs(error);
    JSONRPCResponse list = result(Map.of("tools", List.of(Map.of("name", "echo"))));
    assertThat(g.onResponse(McpSchema.METHOD_TOOLS_LIST, list)).isSameAs(list);
    JSONRPCRequest listRequest =
        new JSONRPCRequest(McpSchema.JSONRPC_VERSION, McpSchema.METHOD_TOOLS_LIST, 3, Map.of());
    assertThat(g.onRequest(listRequest).request()).isSameAs(listRequest);
  }
}
