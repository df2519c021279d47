package io.agw.gateway.mcp.openapi;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.Implementation;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import io.modelcontextprotocol.spec.McpSchema.ListToolsResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the MCP requests of a client as an MCP server of the target's tools would: {@code
 * initialize}, {@code ping}, {@code tools/list} and {@code tools/call}; any other method is
 * JSON-RPC error -32601. Results are plain JSON maps, exactly as a transport reading them off the
 * wire would hand them over. Stateless and thread-safe.
 */
final class OpenApiRpcHandler {

  /** The versions this server speaks; a client asking for another one is offered the newest. */
  static final List<String> PROTOCOL_VERSIONS =
      List.of(
          ProtocolVersions.MCP_2025_11_25,
          ProtocolVersions.MCP_2025_06_18,
          ProtocolVersions.MCP_2025_03_26,
          ProtocolVersions.MCP_2024_11_05);

  private static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(JsonMapper.shared());

  private final OpenApiTarget target;

  OpenApiRpcHandler(OpenApiTarget target) {
    this.target = target;
  }

  String describe() {
    return "openapi:" + target.address() + " (" + target.title() + ")";
  }

  Mono<JSONRPCResponse> handle(JSONRPCRequest request) {
    try {
      return switch (request.method()) {
        case McpSchema.METHOD_INITIALIZE -> Mono.just(ok(request, initialize(request.params())));
        case McpSchema.METHOD_PING -> Mono.just(ok(request, Map.of()));
        case McpSchema.METHOD_TOOLS_LIST ->
            Mono.just(
                ok(
                    request,
                    new ListToolsResult(
                        target.tools().tools().stream().map(ToolBinding::tool).toList(), null)));
        case McpSchema.METHOD_TOOLS_CALL -> call(request);
        default ->
            Mono.just(
                error(
                    request, ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + request.method()));
      };
    } catch (IllegalArgumentException | JacksonException e) {
      // Params that do not have the shape of the method's params.
      return Mono.just(error(request, ErrorCodes.INVALID_PARAMS, "Invalid params"));
    }
  }

  private InitializeResult initialize(Object params) {
    Map<?, ?> p = params == null ? Map.of() : MAPPER.convertValue(params, Map.class);
    Object asked = p.get("protocolVersion");
    String version =
        asked instanceof String v && PROTOCOL_VERSIONS.contains(v) ? v : PROTOCOL_VERSIONS.get(0);
    return new InitializeResult(
        version,
        ServerCapabilities.builder().tools(false).build(),
        new Implementation(target.title(), target.version()),
        null);
  }

  private Mono<JSONRPCResponse> call(JSONRPCRequest request) {
    if (request.params() == null) {
      return Mono.just(error(request, ErrorCodes.INVALID_PARAMS, "tools/call needs params"));
    }
    CallToolRequest call = MAPPER.convertValue(request.params(), CallToolRequest.class);
    ToolBinding tool = call.name() == null ? null : target.tool(call.name());
    if (tool == null) {
      return Mono.just(error(request, ErrorCodes.INVALID_PARAMS, "Unknown tool: " + call.name()));
    }
    return target.call(tool, call.arguments()).map(result -> ok(request, result));
  }

  private static JSONRPCResponse ok(JSONRPCRequest request, Object result) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json = MAPPER.convertValue(result, Map.class);
    return new JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(), json, null);
  }

  private static JSONRPCResponse error(JSONRPCRequest request, int code, String message) {
    return new JSONRPCResponse(
        McpSchema.JSONRPC_VERSION, request.id(), null, new JSONRPCError(code, message, null));
  }
}
