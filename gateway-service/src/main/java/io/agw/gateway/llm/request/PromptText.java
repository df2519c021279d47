package io.agw.gateway.llm.request;

import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The text a prompt sends, as one string, for token estimates: the system prompt, message and input
 * contents, instructions, tool results and tool call arguments, and tool descriptions of a chat
 * completions, Messages or Responses body. Media (image URLs, base64 data) and structural fields
 * (roles, ids, types) are left out, since a text tokenizer says nothing useful about them. Pure.
 */
public final class PromptText {

  /** Top-level fields whose text reaches the model. */
  private static final Set<String> ROOTS =
      Set.of("system", "messages", "input", "instructions", "prompt", "tools");

  /** Fields, at any depth under a root, whose string value is text the model reads. */
  private static final Set<String> TEXT =
      Set.of(
          "text",
          "content",
          "input",
          "instructions",
          "system",
          "arguments",
          "output",
          "description",
          "name",
          "thinking");

  private PromptText() {}

  /** The prompt's text, fields separated by new lines. */
  public static String of(ObjectNode body) {
    StringBuilder out = new StringBuilder();
    for (String root : ROOTS) {
      JsonNode node = body.get(root);
      if (node != null) {
        collect(node, true, out);
      }
    }
    return out.toString();
  }

  private static void collect(JsonNode node, boolean text, StringBuilder out) {
    if (node.isString()) {
      if (text) {
        out.append(node.stringValue()).append('\n');
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        collect(item, text, out);
      }
    } else if (node.isObject()) {
      for (var field : node.properties()) {
        if (field.getValue().isContainer() && !field.getKey().equals("image_url")) {
          collect(field.getValue(), true, out);
        } else if (field.getValue().isString()) {
          collect(field.getValue(), TEXT.contains(field.getKey()), out);
        }
      }
    }
  }
}
