package io.agw.gateway.mcp.openapi;

import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.List;

/**
 * One operation of the API as an MCP tool: the tool as listed to clients, and how its arguments
 * become an HTTP request.
 *
 * @param tool the MCP tool (name, description, input schema)
 * @param method the HTTP method, upper case
 * @param pathTemplate the operation's path with its {@code {name}} variables, as in the document
 * @param parameters path, query, header and cookie arguments
 * @param body the request body, or null when the operation takes none
 */
public record ToolBinding(
    Tool tool,
    String method,
    String pathTemplate,
    List<ParameterBinding> parameters,
    BodyBinding body) {

  public ToolBinding {
    parameters = List.copyOf(parameters);
  }

  public String name() {
    return tool.name();
  }
}
