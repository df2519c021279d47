package io.agw.gateway.llm.provider.openai;

import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.gateway.llm.wire.anthropic.Tool;
import io.agw.gateway.llm.wire.anthropic.ToolChoice;
import io.agw.gateway.llm.wire.openai.ChatCompletionRequest;
import io.agw.gateway.llm.wire.openai.ChatTool;
import io.agw.gateway.llm.wire.openai.ChatToolChoice;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Translates an Anthropic Messages request into an OpenAI chat completions request, for the {@code
 * /v1/messages} front door in front of an OpenAI-compatible backend.
 *
 * <p>Conventions: {@code max_tokens} becomes {@code max_completion_tokens}; {@code stream} is
 * always written, and a streamed request asks for usage ({@code stream_options.include_usage}) so
 * it can be recorded; only client tools are sent (server tools have no equivalent); {@code
 * metadata.user_id} becomes {@code user} and the rest of {@code metadata} is dropped (OpenAI only
 * accepts {@code metadata} with {@code store}); structured output becomes {@code response_format}
 * {@code json_schema}; thinking becomes {@code reasoning_effort} (see {@link ReasoningEffort}).
 *
 * <p>Stateless and thread-safe.
 */
public final class OpenAiRequestMapper {

  /** Translates {@code request}; the model name is kept (the caller rewrites it if routed). */
  public ChatCompletionRequest toChatCompletion(MessagesRequest request) {
    boolean stream = Boolean.TRUE.equals(request.stream());
    List<ChatTool> tools = tools(request.tools());
    Boolean parallel =
        request.toolChoice() == null || request.toolChoice().disableParallelToolUse() == null
            ? null
            : !request.toolChoice().disableParallelToolUse();
    return new ChatCompletionRequest(
        request.model(),
        MessagesConverter.toChatMessages(request.system(), request.messages()),
        null,
        request.maxTokens(),
        request.temperature(),
        request.topP(),
        request.stopSequences() == null || request.stopSequences().isEmpty()
            ? null
            : request.stopSequences(),
        stream,
        stream ? new ChatCompletionRequest.StreamOptions(true, null) : null,
        tools,
        toolChoice(request.toolChoice()),
        parallel,
        responseFormat(request),
        ReasoningEffort.of(request, tools != null),
        userId(request.metadata()),
        null);
  }

  private static List<ChatTool> tools(List<Tool> tools) {
    if (tools == null) {
      return null;
    }
    List<ChatTool> out = new ArrayList<>();
    for (Tool tool : tools) {
      if (tool.isClientTool()) {
        out.add(
            new ChatTool(
                "function",
                new ChatTool.Function(
                    tool.name(), tool.description(), tool.inputSchema(), null, null),
                null));
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static ChatToolChoice toolChoice(ToolChoice choice) {
    if (choice == null || choice.type() == null) {
      return null;
    }
    switch (choice.type()) {
      case "auto":
        return new ChatToolChoice.Mode("auto");
      case "any":
        return new ChatToolChoice.Mode("required");
      case "none":
        return new ChatToolChoice.Mode("none");
      case "tool":
        return ChatToolChoice.Named.function(choice.name());
      default:
        throw new IllegalArgumentException("unknown tool_choice type: " + choice.type());
    }
  }

  private static ChatCompletionRequest.ResponseFormat responseFormat(MessagesRequest request) {
    if (request.outputConfig() == null || request.outputConfig().format() == null) {
      return null;
    }
    JsonNode format = request.outputConfig().format();
    if (!"json_schema".equals(format.path("type").asString(null))) {
      return null;
    }
    // OpenAI requires a schema name; Anthropic has none.
    return new ChatCompletionRequest.ResponseFormat(
        "json_schema",
        new ChatCompletionRequest.JsonSchema("output", format.get("schema"), null, null),
        null);
  }

  private static String userId(JsonNode metadata) {
    if (metadata == null || !metadata.path("user_id").isString()) {
      return null;
    }
    return metadata.get("user_id").asString();
  }
}
