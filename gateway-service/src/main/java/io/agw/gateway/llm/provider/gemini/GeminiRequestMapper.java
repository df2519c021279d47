package io.agw.gateway.llm.provider.gemini;

import io.agw.gateway.llm.wire.gemini.GenerateContentRequest;
import io.agw.gateway.llm.wire.gemini.GenerationConfig;
import io.agw.gateway.llm.wire.gemini.Tool;
import io.agw.gateway.llm.wire.gemini.ToolConfig;
import io.agw.gateway.llm.wire.openai.ChatCompletionRequest;
import io.agw.gateway.llm.wire.openai.ChatTool;
import io.agw.gateway.llm.wire.openai.ChatToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Translates an OpenAI chat completions request into a Gemini {@code generateContent} request
 * (Anthropic Messages requests arrive here after the Messages-to-chat mapper).
 *
 * <p>Conventions: the model and {@code stream} go in the path, not the body; messages as in {@link
 * GeminiContents}; tools become one tool of function declarations with their schemas cleaned by
 * {@link GeminiSchema}; {@code tool_choice} {@code auto}/{@code none}/{@code required} become
 * {@code AUTO}/{@code NONE}/{@code ANY}, a named function {@code ANY} restricted to it; sampling
 * and length settings go to {@code generationConfig} ({@code max_completion_tokens} wins over
 * {@code max_tokens}); structured output becomes {@code responseMimeType: application/json} with
 * the cleaned schema; {@code reasoning_effort} becomes a thinking budget (low 1024, medium 2048,
 * high 4096 tokens, {@code none} 0) with thought summaries included. Fields Gemini has no
 * equivalent for ({@code user}, {@code stream_options}, {@code parallel_tool_calls}, ...) are
 * dropped: Gemini refuses unknown fields.
 *
 * <p>Stateless and thread-safe.
 */
public final class GeminiRequestMapper {

  /** Translates {@code request}. */
  public GenerateContentRequest toGenerateContent(ChatCompletionRequest request) {
    GeminiContents.Result converted = GeminiContents.convert(request.messages());
    return new GenerateContentRequest(
        converted.contents(),
        converted.systemInstruction(),
        tools(request.tools()),
        toolConfig(request.toolChoice()),
        generationConfig(request),
        null);
  }

  private static List<Tool> tools(List<ChatTool> tools) {
    if (tools == null || tools.isEmpty()) {
      return null;
    }
    List<Tool.FunctionDeclaration> declarations = new ArrayList<>();
    for (ChatTool t : tools) {
      if (t.function() == null) {
        continue;
      }
      declarations.add(
          new Tool.FunctionDeclaration(
              t.function().name(),
              t.function().description(),
              GeminiSchema.clean(t.function().parameters()),
              null));
    }
    return declarations.isEmpty() ? null : List.of(new Tool(declarations, null));
  }

  private static ToolConfig toolConfig(ChatToolChoice choice) {
    if (choice == null) {
      return null;
    }
    ToolConfig.FunctionCallingConfig config;
    if (choice instanceof ChatToolChoice.Named n) {
      config =
          new ToolConfig.FunctionCallingConfig(
              "ANY", n.name() == null ? null : List.of(n.name()), null);
    } else {
      String mode = ((ChatToolChoice.Mode) choice).mode();
      config =
          new ToolConfig.FunctionCallingConfig(
              switch (mode == null ? "auto" : mode) {
                case "none" -> "NONE";
                case "required" -> "ANY";
                default -> "AUTO";
              },
              null,
              null);
    }
    return new ToolConfig(config, null);
  }

  private static GenerationConfig generationConfig(ChatCompletionRequest r) {
    Map<String, JsonNode> extra = r.extra() == null ? Map.of() : r.extra();
    Integer maxTokens = r.maxCompletionTokens() != null ? r.maxCompletionTokens() : r.maxTokens();
    String mime = null;
    JsonNode schema = null;
    if (r.responseFormat() != null) {
      if ("json_schema".equals(r.responseFormat().type())) {
        mime = "application/json";
        schema =
            r.responseFormat().jsonSchema() == null
                ? null
                : GeminiSchema.clean(r.responseFormat().jsonSchema().schema());
      } else if ("json_object".equals(r.responseFormat().type())) {
        mime = "application/json";
      }
    }
    GenerationConfig.ThinkingConfig thinking = thinking(r.reasoningEffort());
    GenerationConfig config =
        new GenerationConfig(
            r.temperature(),
            r.topP(),
            intOf(extra.get("top_k")),
            maxTokens,
            r.stop() == null || r.stop().isEmpty() ? null : r.stop(),
            intOf(extra.get("n")),
            extra.containsKey("seed") && extra.get("seed").isNumber()
                ? extra.get("seed").asLong()
                : null,
            doubleOf(extra.get("presence_penalty")),
            doubleOf(extra.get("frequency_penalty")),
            mime,
            schema,
            thinking,
            null);
    return config.equals(EMPTY) ? null : config;
  }

  private static final GenerationConfig EMPTY =
      new GenerationConfig(
          null, null, null, null, null, null, null, null, null, null, null, null, null);

  private static GenerationConfig.ThinkingConfig thinking(String effort) {
    if (effort == null) {
      return null;
    }
    Integer budget =
        switch (effort) {
          case "none" -> 0;
          case "minimal", "low" -> 1024;
          case "medium" -> 2048;
          case "high" -> 4096;
          case "xhigh" -> 8192;
          default -> null;
        };
    if (budget == null) {
      return null;
    }
    return new GenerationConfig.ThinkingConfig(budget, budget > 0 ? true : null, null, null);
  }

  private static Integer intOf(JsonNode node) {
    return node != null && node.isNumber() ? node.asInt() : null;
  }

  private static Double doubleOf(JsonNode node) {
    return node != null && node.isNumber() ? node.asDouble() : null;
  }
}
