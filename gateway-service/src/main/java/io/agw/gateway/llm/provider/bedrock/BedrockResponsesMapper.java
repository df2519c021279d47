package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.provider.ToolArguments;
import io.agw.gateway.llm.provider.anthropic.AnthropicRequestMapper;
import io.agw.gateway.llm.provider.anthropic.ThinkingBudget;
import io.agw.gateway.llm.provider.openai.responses.ResponseBuilder;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.ContentBlock;
import io.agw.gateway.llm.wire.anthropic.MessageContent;
import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.gateway.llm.wire.anthropic.OutputConfig;
import io.agw.gateway.llm.wire.anthropic.ThinkingConfig;
import io.agw.gateway.llm.wire.anthropic.Tool;
import io.agw.gateway.llm.wire.anthropic.ToolChoice;
import io.agw.gateway.llm.wire.bedrock.BedrockContent;
import io.agw.gateway.llm.wire.bedrock.ConverseRequest;
import io.agw.gateway.llm.wire.bedrock.ConverseResponse;
import io.agw.gateway.llm.wire.openai.ResponsesResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI Responses requests to Converse, through the Anthropic model the Converse mapper takes, and
 * Converse responses back as Responses objects, built by the shared {@link ResponseBuilder}: text
 * in one {@code message} item, reasoning in a {@code reasoning} item with a summary text (never as
 * answer text), tool calls as {@code function_call} items. {@code max_output_tokens} defaults to
 * 4096 like {@code max_tokens} for chat clients.
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
  public ResponsesResponse toResponse(ConverseResponse response, String model) {
    ResponseBuilder out = new ResponseBuilder();
    out.truncated("max_tokens".equals(response.stopReason()));
    List<BedrockContent> content =
        response.output() == null || response.output().message() == null
            ? List.of()
            : response.output().message().content();
    for (BedrockContent c : content) {
      if (c.reasoningContent() != null && c.reasoningContent().reasoningText() != null) {
        out.reasoning(c.reasoningContent().reasoningText().text());
      } else if (c.text() != null) {
        out.text(c.text());
      }
      if (c.toolUse() != null) {
        out.functionCall(
            c.toolUse().toolUseId(), c.toolUse().name(), ToolArguments.write(c.toolUse().input()));
      }
    }
    if (response.usage() != null) {
      out.usage(BedrockUsageMapper.toResponses(response.usage()));
    }
    return out.build(model, clock.instant().getEpochSecond());
  }
}
