package io.agw.gateway.llm.provider.vertex;

import io.agw.gateway.exchange.ClientApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vertex AI's envelope around an Anthropic Messages body: the model is in the path, not the body,
 * and the API version is the body field {@code anthropic_version: vertex-2023-10-16} instead of a
 * header. Token counting is the exception: its path names the {@code count-tokens} model, so the
 * body keeps the model. Beta fields of Anthropic's own API that Vertex AI refuses are removed: the
 * top-level {@code output_format} and the {@code scope} of {@code cache_control} (the cache
 * breakpoint itself stays). Pure.
 */
public final class VertexAnthropicEnvelope {

  /** The {@code anthropic_version} Vertex AI expects. */
  public static final String VERSION = "vertex-2023-10-16";

  private VertexAnthropicEnvelope() {}

  /** Rewrites {@code body} (an Anthropic request for {@code api}) in place. */
  public static void apply(ObjectNode body, ClientApi api) {
    if (api != ClientApi.COUNT_TOKENS) {
      body.remove("model");
    }
    body.put("anthropic_version", VERSION);
    body.remove("output_format");
    stripCacheScope(body.get("system"));
    stripCacheScope(body.get("tools"));
    for (JsonNode message : body.path("messages")) {
      stripCacheScope(message.get("content"));
    }
  }

  private static void stripCacheScope(JsonNode blocks) {
    if (blocks == null || !blocks.isArray()) {
      return;
    }
    for (JsonNode block : blocks) {
      if (block.path("cache_control") instanceof ObjectNode cache) {
        cache.remove("scope");
      }
    }
  }
}
