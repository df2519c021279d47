package io.agw.gateway.mcp.openapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools of one OpenAPI document, in document order, and the operations left out with why (an
 * operator reads them in the log).
 */
public record OpenApiTools(List<ToolBinding> tools, List<String> skipped) {

  public OpenApiTools {
    tools = List.copyOf(tools);
    skipped = List.copyOf(skipped);
  }

  /** The tools by name, in document order. */
  public Map<String, ToolBinding> byName() {
    Map<String, ToolBinding> out = new LinkedHashMap<>();
    tools.forEach(t -> out.put(t.name(), t));
    return Collections.unmodifiableMap(out);
  }
}
