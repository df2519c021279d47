package io.agw.gateway.demo;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The parts of an OpenAI chat completions request the demo model reads; everything else is accepted
 * and ignored.
 *
 * @param messages the conversation, in order
 * @param stream whether the answer is sent as server-sent events
 * @param includeUsage whether a stream ends with a usage chunk ({@code stream_options})
 * @param maxTokens the most completion tokens ({@code max_completion_tokens} or {@code
 *     max_tokens}), or null for no limit
 * @param toolNames the names of the function tools the request offers
 */
record DemoChatRequest(
    List<Message> messages,
    boolean stream,
    boolean includeUsage,
    Integer maxTokens,
    List<String> toolNames) {

  /** One message: its role and its text (the text parts of a multi-part content, joined). */
  record Message(String role, String text) {}

  /** A request the demo model cannot answer; {@code param} names the offending field. */
  static final class InvalidException extends RuntimeException {
    private final String param;

    InvalidException(String param, String message) {
      super(message);
      this.param = param;
    }

    String param() {
      return param;
    }
  }

  /** Reads {@code body}; throws {@link InvalidException} naming the field that is wrong. */
  static DemoChatRequest parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidException(null, "the request body must be a JSON object");
    }
    JsonNode model = body.get("model");
    if (model == null || !model.isString() || model.stringValue().isBlank()) {
      throw new InvalidException("model", "'model' is required (the demo model is agw-demo)");
    }
    JsonNode list = body.get("messages");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new InvalidException("messages", "'messages' must be a non-empty array");
    }
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      messages.add(message(list.get(i), "messages[" + i + "]"));
    }
    boolean stream = flag(body, "stream");
    JsonNode options = body.get("stream_options");
    boolean includeUsage = options != null && options.isObject() && flag(options, "include_usage");
    Integer maxTokens = maxTokens(body, "max_completion_tokens");
    if (maxTokens == null) {
      maxTokens = maxTokens(body, "max_tokens");
    }
    return new DemoChatRequest(messages, stream, includeUsage, maxTokens, toolNames(body));
  }

  /** The last message of the conversation. */
  Message last() {
    return messages.get(messages.size() - 1);
  }

  /** The text of the last user message, or null when there is none. */
  String lastUserText() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).role())) {
        return messages.get(i).text();
      }
    }
    return null;
  }

  private static Message message(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new InvalidException(path, "'" + path + "' must be an object");
    }
    JsonNode role = node.get("role");
    if (role == null || !role.isString()) {
      throw new InvalidException(path + ".role", "'" + path + ".role' is required");
    }
    JsonNode content = node.get("content");
    StringBuilder text = new StringBuilder();
    if (content != null && content.isString()) {
      text.append(content.stringValue());
    } else if (content != null && content.isArray()) {
      for (JsonNode part : content) {
        JsonNode partText = part.get("text");
        if (partText != null && partText.isString()) {
          if (!text.isEmpty()) {
            text.append('\n');
          }
          text.append(partText.stringValue());
        }
      }
    } else if (content != null && !content.isNull()) {
      throw new InvalidException(
          path + ".content", "'" + path + ".content' must be a string or an array of parts");
    }
    return new Message(role.stringValue(), text.toString());
  }

  private static boolean flag(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new InvalidException(name, "'" + name + "' must be a boolean");
    }
    return value.booleanValue();
  }

  private static Integer maxTokens(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > Integer.MAX_VALUE) {
      throw new InvalidException(name, "'" + name + "' must be a positive integer");
    }
    return value.asInt();
  }

  private static List<String> toolNames(JsonNode body) {
    JsonNode tools = body.get("tools");
    List<String> names = new ArrayList<>();
    if (tools == null || !tools.isArray()) {
      return names;
    }
    for (JsonNode tool : tools) {
      JsonNode function = tool.get("function");
      JsonNode name = function == null ? null : function.get("name");
      if (name != null && name.isString()) {
        names.add(name.stringValue());
      }
    }
    return names;
  }
}
