package io.agw.gateway.mcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.agw.gateway.mcp.federation.McpService;
import io.agw.gateway.mcp.json.McpJson;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fuzzes the pure part of the MCP server filter's handling of a POSTed body: parsing the JSON-RPC
 * message with the SDK, then reading an initialize request's params. The contract: a body that is
 * not a JSON-RPC message is refused with an {@link IOException} or {@link IllegalArgumentException}
 * (answered with a JSON-RPC parse error); reading the params of any parsed request never throws.
 * The rest of the dispatch is covered end to end by {@code MalformedBodyIntegrationTest}.
 *
 * <p>Input: the body. Seeds: {@code McpJsonFuzzTestInputs/parsesOrRefuses}.
 */
class McpJsonFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void parsesOrRefuses(byte[] input) {
    JSONRPCMessage message;
    try {
      message = McpJson.parse(new String(input, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException refused) {
      return;
    }
    if (message instanceof JSONRPCRequest request) {
      Map<String, Object> params = McpJson.object(request.params());
      McpService.negotiate(McpJson.string(params, "protocolVersion"));
      McpJson.object(params.get("capabilities"));
      McpJson.object(params.get("clientInfo"));
      McpJson.array(params, "arguments");
    }
  }
}
