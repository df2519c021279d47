package io.agw.gateway.llm.provider.openai.responses;

import io.agw.gateway.llm.wire.WireJson;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI Responses request body as an OpenAI chat completions body, for Gemini's
 * OpenAI-compatible endpoint: {@code instructions} and system messages become {@code developer}
 * messages, a string input one user message with a text part, input items messages (consecutive
 * {@code function_call} items one assistant message with several tool calls, {@code
 * function_call_output} items {@code tool} messages), function tools chat tools, {@code
 * max_output_tokens} {@code max_completion_tokens}. {@code stream} is always written; a stream asks
 * for usage. Content parts keep their other fields (cache breakpoints). Stateless and thread-safe.
 */
public final class ResponsesToChatMapper {

  private static final Map<String, String> SAME_NAME =
      Map.of("temperature", "temperature", "top_p", "top_p", "user", "user");

  /**
   * Translates a Responses request body.
   *
   * @throws IllegalArgumentException for an input item or tool Gemini cannot take this way
   */
  public ObjectNode toChat(JsonNode body) {
    ObjectNode out = WireJson.nodes().objectNode();
    ArrayNode messages = out.putArray("messages");
    if (body.path("instructions").isString()) {
      messages
          .addObject()
          .put("role", "developer")
          .put("content", body.get("instructions").asString());
    }
    JsonNode input = body.path("input");
    if (input.isString()) {
      ObjectNode user = messages.addObject().put("role", "user");
      user.putArray("content").addObject().put("type", "text").put("text", input.asString());
    } else if (input.isArray()) {
      for (JsonNode item : input) {
        addItem(item, messages);
      }
    }
    out.put("model", body.path("model").asString(""));
    if (body.path("max_output_tokens").isNumber()) {
      out.put("max_completion_tokens", body.get("max_output_tokens").asLong());
    }
    SAME_NAME.forEach(
        (from, to) -> {
          if (body.has(from) && !body.get(from).isNull()) {
            out.set(to, body.get(from));
          }
        });
    tools(body, out);
    String effort = body.path("reasoning").path("effort").asString(null);
    if (effort != null) {
      out.put("reasoning_effort", effort);
    }
    JsonNode format = body.path("text").path("format");
    if ("json_schema".equals(format.path("type").asString(""))) {
      ObjectNode schema = out.putObject("response_format").put("type", "json_schema");
      ObjectNode js = schema.putObject("json_schema");
      for (String f : new String[] {"name", "description", "schema", "strict"}) {
        if (format.has(f)) {
          js.set(f, format.get(f));
        }
      }
    } else if ("json_object".equals(format.path("type").asString(""))) {
      out.putObject("response_format").put("type", "json_object");
    }
    boolean stream = body.path("stream").asBoolean(false);
    out.put("stream", stream);
    if (stream) {
      out.putObject("stream_options").put("include_usage", true);
    }
    return out;
  }

  private static void addItem(JsonNode item, ArrayNode messages) {
    String type = item.path("type").asString("message");
    switch (type) {
      case "message" -> {
        String role = item.path("role").asString("user");
        ObjectNode message =
            messages.addObject().put("role", "system".equals(role) ? "developer" : role);
        JsonNode content = item.path("content");
        if (content.isArray()) {
          ArrayNode parts = message.putArray("content");
          content.forEach(part -> parts.add(part(part)));
        } else {
          message.set("content", content.isMissingNode() ? WireJson.nodes().nullNode() : content);
        }
      }
      case "function_call" -> {
        ObjectNode call = WireJson.nodes().objectNode().put("type", "function");
        call.put("id", item.path("call_id").asString());
        call.putObject("function")
            .put("name", item.path("name").asString())
            .put("arguments", item.path("arguments").asString("{}"));
        toolCallHolder(messages).withArray("tool_calls").add(call);
      }
      case "function_call_output" -> {
        JsonNode output = item.path("output");
        messages
            .addObject()
            .put("role", "tool")
            .put("content", output.isString() ? output.asString() : WireJson.write(output))
            .put("tool_call_id", item.path("call_id").asString());
      }
      // Reasoning items carry no text the chat API could take back.
      case "reasoning" -> {}
      default -> throw new IllegalArgumentException("unsupported input item type " + type);
    }
  }

  /** The assistant message the next tool call joins: the last one if it only holds calls. */
  private static ObjectNode toolCallHolder(ArrayNode messages) {
    if (!messages.isEmpty()) {
      JsonNode last = messages.get(messages.size() - 1);
      if ("assistant".equals(last.path("role").asString()) && last.has("tool_calls")) {
        return (ObjectNode) last;
      }
    }
    return messages.addObject().put("role", "assistant");
  }

  private static ObjectNode part(JsonNode part) {
    String type = part.path("type").asString("");
    ObjectNode out = WireJson.nodes().objectNode();
    switch (type) {
      case "input_text", "output_text", "text" -> {
        out.put("type", "text");
        part.properties()
            .forEach(
                e -> {
                  if (!e.getKey().equals("type") && !e.getKey().equals("annotations")) {
                    out.set(e.getKey(), e.getValue());
                  }
                });
      }
      case "input_image" -> {
        out.put("type", "image_url");
        ObjectNode url = out.putObject("image_url").put("url", part.path("image_url").asString());
        if (part.path("detail").isString()) {
          url.put("detail", part.get("detail").asString());
        }
      }
      default -> throw new IllegalArgumentException("unsupported content part type " + type);
    }
    return out;
  }

  private static void tools(JsonNode body, ObjectNode out) {
    JsonNode tools = body.path("tools");
    if (tools.isArray() && !tools.isEmpty()) {
      ArrayNode list = out.putArray("tools");
      for (JsonNode t : tools) {
        if (!"function".equals(t.path("type").asString(""))) {
          throw new IllegalArgumentException("Gemini has no built-in tool " + t.path("type"));
        }
        ObjectNode fn = list.addObject().put("type", "function").putObject("function");
        for (String f : new String[] {"name", "description", "parameters", "strict"}) {
          if (t.has(f) && !t.get(f).isNull()) {
            fn.set(f, t.get(f));
          }
        }
      }
    }
    JsonNode choice = body.get("tool_choice");
    if (choice != null && !choice.isNull()) {
      if (choice.isString()) {
        out.put("tool_choice", choice.asString());
      } else if ("function".equals(choice.path("type").asString(""))) {
        out.putObject("tool_choice")
            .put("type", "function")
            .putObject("function")
            .put("name", choice.path("name").asString());
      }
    }
    if (body.path("parallel_tool_calls").isBoolean()) {
      out.put("parallel_tool_calls", body.get("parallel_tool_calls").asBoolean());
    }
  }
}
