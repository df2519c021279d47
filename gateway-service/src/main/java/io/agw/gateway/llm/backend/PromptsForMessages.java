package io.agw.gateway.llm.backend;

import io.agw.gateway.llm.wire.WireJson;
import io.agw.model.resource.v1.PromptMessage;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prompt enrichment for Anthropic Messages bodies, where system text lives in the top-level {@code
 * system} field (a string or a list of text blocks) rather than among the messages. Stateless.
 */
public final class PromptsForMessages {

  private PromptsForMessages() {}

  static void apply(ObjectNode body, List<PromptMessage> prepend, List<PromptMessage> append) {
    List<String> systemBefore = new ArrayList<>();
    List<String> systemAfter = new ArrayList<>();
    ArrayNode messages = body.withArray("messages");
    int inserted = 0;
    for (PromptMessage m : prepend) {
      if (isSystem(m)) {
        systemBefore.add(m.getContent());
      } else {
        messages.insert(inserted++, message(m));
      }
    }
    for (PromptMessage m : append) {
      if (isSystem(m)) {
        systemAfter.add(m.getContent());
      } else {
        messages.add(message(m));
      }
    }
    if (systemBefore.isEmpty() && systemAfter.isEmpty()) {
      return;
    }
    JsonNode existing = body.get("system");
    ArrayNode blocks = WireJson.nodes().arrayNode();
    systemBefore.forEach(t -> blocks.add(textBlock(t)));
    if (existing != null && existing.isString()) {
      blocks.add(textBlock(existing.stringValue()));
    } else if (existing != null && existing.isArray()) {
      existing.forEach(blocks::add);
    }
    systemAfter.forEach(t -> blocks.add(textBlock(t)));
    body.set("system", blocks);
  }

  private static boolean isSystem(PromptMessage m) {
    return m.getRole().equals("system") || m.getRole().equals("developer");
  }

  private static ObjectNode message(PromptMessage m) {
    ObjectNode node = WireJson.nodes().objectNode();
    node.put("role", m.getRole());
    node.put("content", m.getContent());
    return node;
  }

  private static ObjectNode textBlock(String text) {
    ObjectNode node = WireJson.nodes().objectNode();
    node.put("type", "text");
    node.put("text", text);
    return node;
  }
}
