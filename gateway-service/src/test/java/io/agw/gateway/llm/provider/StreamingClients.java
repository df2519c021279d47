package io.agw.gateway.llm.provider;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.registry.Translations;
import io.agw.gateway.llm.wire.WireJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stream translator the gateway builds for a streaming client request, for tests that feed it
 * recorded upstream bytes: the provider dialect's translation for the client API, given a body with
 * the model and, when asked, {@code stream_options.include_usage}.
 */
public final class StreamingClients {

  private StreamingClients() {}

  /** The translator for a client of {@code api} calling {@code provider} with {@code model}. */
  public static StreamTranslator translator(
      ClientApi api, Dialect provider, String model, boolean includeUsage) {
    return Translations.of(api, provider).orElseThrow().stream(body(model, includeUsage));
  }

  /** A streaming client request body. */
  public static ObjectNode body(String model, boolean includeUsage) {
    ObjectNode body = WireJson.nodes().objectNode().put("model", model).put("stream", true);
    if (includeUsage) {
      body.withObject("stream_options").put("include_usage", true);
    }
    return body;
  }
}
