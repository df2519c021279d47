package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic {@code count_tokens} on Bedrock ({@code POST /model/<id>/count-tokens}): the Messages
 * body is wrapped, base64-encoded, as the InvokeModel body of the model whose tokens are counted
 * ({@code max_tokens} 1, since InvokeModel requires it); the answer's {@code inputTokens} becomes
 * {@code input_tokens}. Stateless.
 */
public final class BedrockCountTokens {

  private static final String ANTHROPIC_VERSION = "2023-06-01";

  private BedrockCountTokens() {}

  /** The count-tokens body for a Messages {@code count_tokens} body. */
  public static ObjectNode request(JsonNode body) {
    ObjectNode invoke = WireJson.nodes().objectNode();
    for (String field : new String[] {"messages", "system", "tools", "tool_choice", "thinking"}) {
      if (body.has(field)) {
        invoke.set(field, body.get(field));
      }
    }
    invoke.put("max_tokens", 1);
    invoke.put("anthropic_version", ANTHROPIC_VERSION);
    String encoded =
        Base64.getEncoder().encodeToString(WireJson.write(invoke).getBytes(StandardCharsets.UTF_8));
    ObjectNode out = WireJson.nodes().objectNode();
    out.putObject("input").putObject("invokeModel").put("body", encoded);
    return out;
  }

  /** The Anthropic answer for Bedrock's {@code {"inputTokens": n}}. */
  public static ObjectNode response(JsonNode upstream) {
    if (!upstream.path("inputTokens").isNumber()) {
      throw new IllegalArgumentException("not a count-tokens response");
    }
    return WireJson.nodes().objectNode().put("input_tokens", upstream.get("inputTokens").asLong());
  }
}
