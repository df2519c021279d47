package io.agw.gateway.llm.provider.openai.responses;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.wire.openai.ResponseUsage;
import io.agw.gateway.llm.wire.openai.ResponsesResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Token usage of OpenAI Responses and Embeddings bodies, read from their records or, for bodies
 * passed through unchanged, from their JSON trees. Stateless.
 */
public final class ResponsesUsage {

  private ResponsesUsage() {}

  /** The usage of a Responses {@code response} object. */
  public static TokenUsage of(JsonNode response) {
    JsonNode u = response.path("usage");
    if (!u.isObject()) {
      return new TokenUsage(null, null, null, null, null, null, null, text(response, "model"));
    }
    return new TokenUsage(
        number(u, "input_tokens"),
        number(u, "output_tokens"),
        number(u, "total_tokens"),
        number(u.path("input_tokens_details"), "cached_tokens"),
        null,
        number(u.path("output_tokens_details"), "reasoning_tokens"),
        text(response, "service_tier"),
        text(response, "model"));
  }

  /** The usage of a Responses object this gateway built or read. */
  public static TokenUsage of(ResponsesResponse response) {
    ResponseUsage u = response.usage();
    if (u == null) {
      return new TokenUsage(null, null, null, null, null, null, null, response.model());
    }
    return new TokenUsage(
        u.inputTokens(),
        u.outputTokens(),
        u.totalTokens(),
        u.inputTokensDetails() == null ? null : u.inputTokensDetails().cachedTokens(),
        null,
        u.outputTokensDetails() == null ? null : u.outputTokensDetails().reasoningTokens(),
        extraText(response.extra(), "service_tier"),
        response.model());
  }

  /** The usage of an embeddings response. */
  public static TokenUsage ofEmbeddings(JsonNode response) {
    JsonNode u = response.path("usage");
    return new TokenUsage(
        number(u, "prompt_tokens"),
        null,
        number(u, "total_tokens"),
        null,
        null,
        null,
        null,
        text(response, "model"));
  }

  private static Long number(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isNumber() ? v.asLong() : null;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isString() ? v.asString() : null;
  }

  private static String extraText(Map<String, JsonNode> extra, String field) {
    JsonNode v = extra == null ? null : extra.get(field);
    return v != null && v.isString() ? v.asString() : null;
  }
}
