package io.agw.gateway.llm.provider.anthropic;

import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.Tool;
import io.agw.gateway.llm.wire.anthropic.ToolChoice;
import io.agw.gateway.llm.wire.openai.ChatTool;
import io.agw.gateway.llm.wire.openai.ChatToolChoice;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Converts chat completion tools and {@code tool_choice} to Anthropic's. Stateless. */
final class ChatToolsConverter {

  private ChatToolsConverter() {}

  /**
   * Function tools as Anthropic client tools; other tool kinds have no equivalent and are dropped.
   */
  static List<Tool> tools(List<ChatTool> tools) {
    if (tools == null) {
      return null;
    }
    List<Tool> out = new ArrayList<>();
    for (ChatTool tool : tools) {
      ChatTool.Function f = tool.function();
      if (f == null || (tool.type() != null && !"function".equals(tool.type()))) {
        continue;
      }
      JsonNode schema = f.parameters();
      if (schema == null || schema.isNull()) {
        schema = WireJson.nodes().objectNode().put("type", "object");
      }
      out.add(new Tool(null, f.name(), f.description(), schema, null));
    }
    return out.isEmpty() ? null : out;
  }

  /**
   * {@code auto} stays {@code auto}, {@code required} becomes {@code any}, {@code none} stays
   * {@code none}, a named function becomes {@code tool}. {@code parallel_tool_calls: false} becomes
   * {@code disable_parallel_tool_use: true} (on an {@code auto} choice if none was given).
   */
  static ToolChoice toolChoice(ChatToolChoice choice, Boolean parallelToolCalls, boolean hasTools) {
    Boolean disableParallel = parallelToolCalls == null ? null : !parallelToolCalls;
    if (choice == null) {
      return disableParallel != null && hasTools
          ? new ToolChoice("auto", null, disableParallel, null)
          : null;
    }
    if (choice instanceof ChatToolChoice.Named named) {
      return new ToolChoice("tool", named.name(), disableParallel, null);
    }
    if (choice instanceof ChatToolChoice.Mode mode) {
      switch (mode.mode()) {
        case "required":
          return new ToolChoice("any", null, disableParallel, null);
        case "none":
          return new ToolChoice("none", null, null, null);
        case "auto":
          return new ToolChoice("auto", null, disableParallel, null);
        default:
          throw new IllegalArgumentException("unknown tool_choice mode: " + mode.mode());
      }
    }
    throw new IllegalStateException("unhandled tool choice " + choice);
  }
}
