package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.provider.ToolArguments;
import io.agw.gateway.llm.provider.anthropic.AnthropicRequestMapper;
import io.agw.gateway.llm.provider.anthropic.ThinkingBudget;
import io.agw.gateway.llm.provider.openai.responses.ResponsesItems;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.ContentBlock;
import io.agw.gateway.llm.wire.anthropic.MessageContent;
import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.gateway.llm.wire.anthropic.OutputConfig;
import io.agw.gateway.llm.wire.anthropic.ThinkingConfig;
import io.agw.gateway.llm.wire.anthropic.Tool;
import io.agw.gateway.llm.wire.anthropic.ToolChoice;
import io.agw.gateway.llm.wire.bedrock.BedrockContent;
import io.agw.gateway.llm.wire.bedrock.BedrockUsage;
import io.agw.gateway.llm.wire.bedrock.ConverseRequest;
import io.agw.gateway.llm.wire.bedrock.ConverseResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI Responses requests to Converse, through the Anthropic model the Converse mapper takes, and
 * Converse responses back as Responses objects: text in one {@code message} item, reasoning in a
 * {@code reasoning} item with a summary text (never as answer text), tool calls as {@code
 * function_call} items. {@code max_output_tokens} defaults to 4096 like {@code max_tokens} for chat
 * clients.
 *
 * <p>Stateless and thread-safe; the clock only stamps {@code created_at}.
 */
public final class BedrockResponsesMapper {

  private static final BedrockRequestMapper TO_CONVERSE = new BedrockRequestMapper();

  private final Clock clock;

  public BedrockResponsesMapper() {
    this(Clock.systemUTC());
  }

  public BedrockResponsesMapper(Clock clock) {
    this.clock = clock;
  }

  /** Translates a Responses request body. */
  public ConverseRequest toConverse(JsonNode body) {
    List<ContentBlock> system = new ArrayList<>();
    if (body.path("instructions").isString()) {
      system.add(new ContentBlock.Text(body.get("instructions").asString()));
    }
    var messages = ResponsesInputConverter.messages(body.get("input"), system);
    int maxTokens =
        body.path("max_output_tokens").isNumber()
            ? body.get("max_output_tokens").asInt()
            : AnthropicRequestMapper.DEFAULT_MAX_TOKENS;
    Integer budget =
        ThinkingBudget.forEffort(body.path("reasoning").path("effort").asString(null), maxTokens);
    MessagesRequest request =
        new MessagesRequest(
            body.path("model").asString(""),
            messages,
            system.isEmpty() ? null : new MessageContent.Blocks(system),
            maxTokens,
            null,
            number(body, "temperature"),
            number(body, "top_p"),
            null,
            tools(body.get("tools")),
            toolChoice(body.get("tool_choice")),
            budget == null ? null : new ThinkingConfig("enabled", budget, null),
            null,
            outputConfig(body.path("text").get("format")),
            null);
    return TO_CONVERSE.toConverse(request);
  }

  private static Double number(JsonNode body, String field) {
    return body.path(field).isNumber() ? body.get(field).asDouble() : null;
  }

  private static List<Tool> tools(JsonNode tools) {
    if (tools == null || !tools.isArray() || tools.isEmpty()) {
      return null;
    }
    List<Tool> out = new ArrayList<>();
    for (JsonNode t : tools) {
      if (!"function".equals(t.path("type").asString(""))) {
        throw new IllegalArgumentException("Bedrock has no built-in tool " + t.path("type"));
      }
      out.add(
          new Tool(
              null,
              t.path("name").asString(),
              t.path("description").asString(null),
              t.get("parameters"),
              null));
    }
    return out;
  }

  private static ToolChoice toolChoice(JsonNode choice) {
    if (choice == null || choice.isNull()) {
      return null;
    }
    if (choice.isString()) {
      return switch (choice.asString()) {
        case "required" -> new ToolChoice("any", null, null, null);
        case "none" -> new ToolChoice("none", null, null, null);
        default -> new ToolChoice("auto", null, null, null);
      };
    }
    return new ToolChoice("tool", choice.path("name").asString(), null, null);
  }

  private static OutputConfig outputConfig(JsonNode format) {
    if (format == null || !"json_schema".equals(format.path("type").asString(""))) {
      return null;
    }
    ObjectNode out = WireJson.nodes().objectNode().put("type", "json_schema");
    if (format.has("schema")) {
      out.set("schema", format.get("schema"));
    }
    for (String field : new String[] {"name", "description"}) {
      if (format.path(field).isString()) {
        out.put(field, format.get(field).asString());
      }
    }
    return new OutputConfig(null, out, null);
  }

  /** The Responses object for a Converse response. */
  public ObjectNode toResponse(ConverseResponse response, String model) {
    ObjectNode out = WireJson.nodes().objectNode();
    out.put("id", "resp_" + UUID.randomUUID().toString().replace("-", ""));
    out.put("object", "response");
    out.put("created_at", clock.instant().getEpochSecond());
    out.put("model", model);
    boolean truncated = "max_tokens".equals(response.stopReason());
    out.put("status", truncated ? "incomplete" : "completed");
    if (truncated) {
      out.putObject("incomplete_details").put("reason", "max_output_tokens");
    }
    ArrayNode output = out.putArray("output");
    List<BedrockContent> content =
        response.output() == null || response.output().message() == null
            ? List.of()
            : response.output().message().content();
    ArrayNode texts = WireJson.nodes().arrayNode();
    for (BedrockContent c : content) {
      if (c.reasoningContent() != null && c.reasoningContent().reasoningText() != null) {
        output.add(ResponsesItems.reasoningItem(c.reasoningContent().reasoningText().text()));
      } else if (c.text() != null) {
        texts.add(ResponsesItems.outputText(c.text()));
      }
    }
    if (!texts.isEmpty()) {
      ObjectNode message = ResponsesItems.messageItem("completed");
      message.set("content", texts);
      output.add(message);
    }
    for (BedrockContent c : content) {
      if (c.toolUse() != null) {
        output.add(
            ResponsesItems.functionCall(
                c.toolUse().toolUseId(),
                c.toolUse().name(),
                ToolArguments.write(c.toolUse().input()),
                "completed"));
      }
    }
    if (response.usage() != null) {
      out.set("usage", usage(response.usage()));
    }
    return out;
  }

  static ObjectNode usage(BedrockUsage usage) {
    long input = usage.inputTokens() == null ? 0 : usage.inputTokens();
    long output = usage.outputTokens() == null ? 0 : usage.outputTokens();
    ObjectNode out = WireJson.nodes().objectNode();
    out.put("input_tokens", input);
    ObjectNode details = out.putObject("input_tokens_details");
    details.put(
        "cached_tokens", usage.cacheReadInputTokens() == null ? 0 : usage.cacheReadInputTokens());
    if (usage.cacheWriteInputTokens() != null) {
      details.put("cache_write_tokens", usage.cacheWriteInputTokens());
    }
    out.put("output_tokens", output);
    out.putObject("output_tokens_details").put("reasoning_tokens", 0);
    out.put("total_tokens", usage.totalTokens() != null ? usage.totalTokens() : input + output);
    return out;
  }
}
