package io.agw.gateway.llm.provider.openai.responses;

import io.agw.gateway.llm.wire.WireJson;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The output items of an OpenAI Responses answer, built the same way for every provider that
 * answers a Responses client from another dialect (Bedrock Converse, Gemini's chat completions):
 * ids are fresh, prefixed as OpenAI prefixes them. Stateless.
 */
public final class ResponsesItems {

  private ResponsesItems() {}

  /** A {@code reasoning} item whose summary is {@code text} (none when null). */
  public static ObjectNode reasoningItem(String text) {
    ObjectNode item = WireJson.nodes().objectNode();
    item.put("type", "reasoning").put("id", "rs_" + UUID.randomUUID().toString().replace("-", ""));
    ArrayNode summary = item.putArray("summary");
    if (text != null) {
      summary.addObject().put("type", "summary_text").put("text", text);
    }
    return item;
  }

  /** An assistant {@code message} item with no content yet. */
  public static ObjectNode messageItem(String status) {
    ObjectNode item = WireJson.nodes().objectNode();
    item.put("type", "message")
        .put("id", "msg_" + UUID.randomUUID().toString().replace("-", ""))
        .put("role", "assistant")
        .put("status", status);
    item.putArray("content");
    return item;
  }

  /** An {@code output_text} content part. */
  public static ObjectNode outputText(String text) {
    ObjectNode part = WireJson.nodes().objectNode().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    return part;
  }

  /** A {@code function_call} item. */
  public static ObjectNode functionCall(
      String callId, String name, String arguments, String status) {
    return WireJson.nodes()
        .objectNode()
        .put("type", "function_call")
        .put("id", "fc_" + UUID.randomUUID().toString().replace("-", ""))
        .put("call_id", callId)
        .put("name", name)
        .put("arguments", arguments)
        .put("status", status);
  }
}
