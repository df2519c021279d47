package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.provider.anthropic.AnthropicRequestMapper;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.Message;
import io.agw.gateway.llm.wire.anthropic.MessageContent;
import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.gateway.llm.wire.anthropic.OutputConfig;
import io.agw.gateway.llm.wire.anthropic.Tool;
import io.agw.gateway.llm.wire.anthropic.ToolChoice;
import io.agw.gateway.llm.wire.bedrock.BedrockContent;
import io.agw.gateway.llm.wire.bedrock.BedrockMessage;
import io.agw.gateway.llm.wire.bedrock.BedrockTool;
import io.agw.gateway.llm.wire.bedrock.ConverseRequest;
import io.agw.gateway.llm.wire.openai.ChatCompletionRequest;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates Anthropic Messages requests, and OpenAI chat completions requests through the
 * Anthropic mapper (Bedrock's Converse API and Messages share their model of system prompts, tool
 * use, tool results and signed reasoning), into Converse requests.
 *
 * <p>Conventions: {@code thinking} and {@code output_config.effort} go to {@code
 * additionalModelRequestFields} as Claude on Bedrock reads them; a structured output schema goes to
 * {@code outputConfig.textFormat}; when the history has tool calls but the request offers no tools,
 * one placeholder tool is declared, because Converse refuses tool blocks without a tool
 * configuration. Anthropic's {@code metadata} and {@code top_k} have no Converse field and go to
 * {@code additionalModelRequestFields} too. Blocks and tools marked with {@code cache_control} are
 * followed by a {@code cachePoint}, at most four in all ({@link CachePoints}).
 *
 * <p>Stateless and thread-safe.
 */
public final class BedrockRequestMapper {

  /** Declared when the history has tool blocks and the request has no tools. */
  static final String PLACEHOLDER_TOOL = "agentgateway_dummy_do_not_call";

  private static final AnthropicRequestMapper TO_ANTHROPIC = new AnthropicRequestMapper();

  /**
   * Translates a chat completions request. Its {@code top_k} (a vendor extension chat has no field
   * for) goes to {@code additionalModelRequestFields}; {@code user} does not (agentgateway keeps
   * Anthropic {@code metadata} only from Messages clients).
   */
  public ConverseRequest toConverse(ChatCompletionRequest request) {
    JsonNode topK = request.extra() == null ? null : request.extra().get("top_k");
    return toConverse(TO_ANTHROPIC.toMessages(request), topK, null);
  }

  /** Translates a Messages request. */
  public ConverseRequest toConverse(MessagesRequest request) {
    return toConverse(
        request, request.extra() == null ? null : request.extra().get("top_k"), request.metadata());
  }

  private ConverseRequest toConverse(MessagesRequest request, JsonNode topK, JsonNode metadata) {
    List<BedrockContent> system = new ArrayList<>();
    if (request.system() != null) {
      system.addAll(BedrockContentConverter.blocks(request.system().blocks()));
    }
    List<BedrockMessage> messages = new ArrayList<>();
    for (Message m : request.messages() == null ? List.<Message>of() : request.messages()) {
      MessageContent content = m.content();
      List<BedrockContent> blocks =
          content == null ? List.of() : BedrockContentConverter.blocks(content.blocks());
      if (m.role() == null) {
        throw new IllegalArgumentException("every message needs a role");
      }
      if ("system".equals(m.role())) {
        // Some clients put system turns in the message list; Converse only has one system list.
        system.addAll(blocks);
        continue;
      }
      if (blocks.isEmpty()) {
        continue;
      }
      BedrockMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
      if (last != null && last.role().equals(m.role())) {
        // Converse requires turns to alternate; consecutive turns of one role are one turn.
        List<BedrockContent> merged = new ArrayList<>(last.content());
        merged.addAll(blocks);
        messages.set(messages.size() - 1, new BedrockMessage(m.role(), merged));
      } else {
        messages.add(new BedrockMessage(m.role(), blocks));
      }
    }
    messages = DocumentConverter.uniqueNames(messages);
    ConverseRequest.ToolConfig toolConfig = toolConfig(request, messages);
    return CachePoints.limit(
        new ConverseRequest(
            messages,
            system.isEmpty() ? null : system,
            new ConverseRequest.InferenceConfig(
                request.maxTokens() == null
                    ? AnthropicRequestMapper.DEFAULT_MAX_TOKENS
                    : request.maxTokens(),
                request.temperature(),
                request.topP(),
                request.stopSequences() == null || request.stopSequences().isEmpty()
                    ? null
                    : request.stopSequences()),
            toolConfig,
            additionalFields(request, topK, metadata),
            outputConfig(request.outputConfig()),
            null));
  }

  private static ConverseRequest.ToolConfig toolConfig(
      MessagesRequest request, List<BedrockMessage> messages) {
    List<BedrockTool> tools = new ArrayList<>();
    for (Tool t : request.tools() == null ? List.<Tool>of() : request.tools()) {
      if (!t.isClientTool()) {
        throw new IllegalArgumentException("Bedrock has no server tool " + t.type());
      }
      JsonNode schema =
          t.inputSchema() == null
              ? WireJson.nodes().objectNode().put("type", "object")
              : t.inputSchema();
      tools.add(
          new BedrockTool(
              new BedrockTool.ToolSpec(
                  t.name(), t.description(), new BedrockTool.InputSchema(schema)),
              null));
      if (t.extra() != null && t.extra().containsKey("cache_control")) {
        tools.add(new BedrockTool(null, BedrockContent.CachePoint.DEFAULT));
      }
    }
    ToolChoice choice = request.toolChoice();
    boolean none = choice != null && "none".equals(choice.type());
    if (tools.isEmpty() || none) {
      if (!hasToolBlocks(messages)) {
        return null;
      }
      return new ConverseRequest.ToolConfig(
          List.of(
              new BedrockTool(
                  new BedrockTool.ToolSpec(
                      PLACEHOLDER_TOOL,
                      null,
                      new BedrockTool.InputSchema(
                          WireJson.nodes().objectNode().put("type", "object"))),
                  null)),
          null);
    }
    return new ConverseRequest.ToolConfig(tools, toolChoice(choice));
  }

  private static JsonNode toolChoice(ToolChoice choice) {
    if (choice == null || choice.type() == null) {
      return null;
    }
    ObjectNode out = WireJson.nodes().objectNode();
    switch (choice.type()) {
      case "auto" -> out.putObject("auto");
      case "any" -> out.putObject("any");
      case "tool" -> out.putObject("tool").put("name", choice.name());
      default -> {
        return null;
      }
    }
    return out;
  }

  private static boolean hasToolBlocks(List<BedrockMessage> messages) {
    for (BedrockMessage m : messages) {
      for (BedrockContent c : m.content()) {
        if (c.toolUse() != null || c.toolResult() != null) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The Anthropic request fields Converse has no field for, in Claude's own request shape: {@code
   * thinking}, {@code output_config.effort}, {@code top_k} (not with thinking enabled, which Claude
   * refuses with sampling parameters) and a non-empty {@code metadata}.
   */
  private static JsonNode additionalFields(
      MessagesRequest request, JsonNode topK, JsonNode metadata) {
    ObjectNode out = WireJson.nodes().objectNode();
    if (request.thinking() != null) {
      out.set("thinking", WireJson.toTree(request.thinking()));
    }
    boolean thinking = request.thinking() != null && "enabled".equals(request.thinking().type());
    if (topK != null && topK.isNumber() && !thinking) {
      out.set("top_k", topK);
    }
    if (request.outputConfig() != null && request.outputConfig().effort() != null) {
      out.putObject("output_config").put("effort", request.outputConfig().effort());
    }
    if (metadata != null && metadata.isObject() && !metadata.isEmpty()) {
      out.set("metadata", metadata);
    }
    return out.isEmpty() ? null : out;
  }

  private static JsonNode outputConfig(OutputConfig config) {
    if (config == null || config.format() == null) {
      return null;
    }
    JsonNode format = config.format();
    if (!"json_schema".equals(format.path("type").asString(""))) {
      return null;
    }
    ObjectNode jsonSchema = WireJson.nodes().objectNode();
    JsonNode schema = format.get("schema");
    jsonSchema.put(
        "schema",
        schema == null
            ? "{\"type\":\"object\",\"additionalProperties\":true}"
            : WireJson.write(schema));
    copyText(format, jsonSchema, "name");
    copyText(format, jsonSchema, "description");
    ObjectNode out = WireJson.nodes().objectNode();
    ObjectNode textFormat = out.putObject("textFormat").put("type", "json_schema");
    textFormat.putObject("structure").set("jsonSchema", jsonSchema);
    return out;
  }

  private static void copyText(JsonNode from, ObjectNode to, String field) {
    if (from.path(field).isString()) {
      to.put(field, from.get(field).asString());
    }
  }
}
