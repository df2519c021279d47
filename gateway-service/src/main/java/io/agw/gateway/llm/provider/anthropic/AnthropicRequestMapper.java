package io.agw.gateway.llm.provider.anthropic;

import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.gateway.llm.wire.anthropic.OutputConfig;
import io.agw.gateway.llm.wire.anthropic.ThinkingConfig;
import io.agw.gateway.llm.wire.anthropic.Tool;
import io.agw.gateway.llm.wire.openai.ChatCompletionRequest;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates an OpenAI chat completions request into an Anthropic Messages request.
 *
 * <p>Conventions: {@code max_tokens} defaults to {@value #DEFAULT_MAX_TOKENS} (Anthropic requires
 * it, OpenAI does not); {@code reasoning_effort} becomes a thinking budget; {@code response_format}
 * becomes {@code output_config.format} ({@code json_object} as a schema accepting any object);
 * {@code user} becomes {@code metadata.user_id}. Fields with no Anthropic equivalent ({@code n},
 * penalties, {@code logit_bias}, {@code seed}, legacy {@code functions}, ...) are dropped, because
 * Anthropic rejects unknown fields. When thinking is on, {@code temperature} and {@code top_p} are
 * dropped, since Anthropic rejects them with thinking.
 *
 * <p>Stateless and thread-safe.
 */
public final class AnthropicRequestMapper {

  /** {@code max_tokens} sent when the client gives none. */
  public static final int DEFAULT_MAX_TOKENS = 4096;

  /** Translates {@code request}; the model name is kept (the caller rewrites it if routed). */
  public MessagesRequest toMessages(ChatCompletionRequest request) {
    List<io.agw.gateway.llm.wire.openai.ChatMessage> messages =
        request.messages() == null ? List.of() : request.messages();
    int maxTokens = maxTokens(request);
    List<Tool> tools = ChatToolsConverter.tools(request.tools());
    Integer budget = ThinkingBudget.forEffort(request.reasoningEffort(), maxTokens);
    ThinkingConfig thinking = budget == null ? null : new ThinkingConfig("enabled", budget, null);
    return new MessagesRequest(
        request.model(),
        ChatMessagesConverter.messages(messages),
        ChatMessagesConverter.system(messages),
        maxTokens,
        request.stop() == null || request.stop().isEmpty() ? null : request.stop(),
        thinking == null ? clampTemperature(request.temperature()) : null,
        thinking == null ? request.topP() : null,
        Boolean.TRUE.equals(request.stream()) ? Boolean.TRUE : null,
        tools,
        ChatToolsConverter.toolChoice(
            request.toolChoice(), request.parallelToolCalls(), tools != null),
        thinking,
        metadata(request.user()),
        outputConfig(request.responseFormat()),
        null);
  }

  private static int maxTokens(ChatCompletionRequest request) {
    if (request.maxCompletionTokens() != null) {
      return request.maxCompletionTokens();
    }
    return request.maxTokens() != null ? request.maxTokens() : DEFAULT_MAX_TOKENS;
  }

  /** OpenAI accepts temperatures up to 2, Anthropic up to 1. */
  private static Double clampTemperature(Double temperature) {
    return temperature == null ? null : Math.min(temperature, 1.0);
  }

  private static JsonNode metadata(String user) {
    return user == null ? null : WireJson.nodes().objectNode().put("user_id", user);
  }

  private static OutputConfig outputConfig(ChatCompletionRequest.ResponseFormat format) {
    if (format == null || format.type() == null) {
      return null;
    }
    JsonNode schema;
    switch (format.type()) {
      case "json_schema":
        schema = format.jsonSchema() == null ? null : format.jsonSchema().schema();
        break;
      case "json_object":
        schema = anyObjectSchema();
        break;
      case "text":
        return null;
      default:
        throw new IllegalArgumentException("unknown response_format type: " + format.type());
    }
    if (schema == null) {
      schema = anyObjectSchema();
    }
    ObjectNode out = WireJson.nodes().objectNode().put("type", "json_schema");
    out.set("schema", schema);
    return new OutputConfig(null, out, null);
  }

  private static JsonNode anyObjectSchema() {
    return WireJson.nodes().objectNode().put("type", "object").put("additionalProperties", true);
  }
}
