package io.agw.gateway.llm.provider;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.wire.WireJson;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Error bodies from a provider that speaks the client's own API: a JSON object passes unchanged (it
 * is the provider's error in the client's format); anything else (an HTML page from a proxy in
 * front of the provider, plain text, a JSON label on a body that is not JSON) becomes an error in
 * the client's format with the body's text as its message, as a translated error does. Stateless.
 */
public final class NonJsonErrors {

  private NonJsonErrors() {}

  /** The client's error body for an upstream error body. */
  public static byte[] wrap(Dialect client, int status, byte[] upstream) {
    String text = new String(upstream, StandardCharsets.UTF_8);
    try {
      JsonNode tree = WireJson.tree(text);
      if (tree != null && tree.isObject()) {
        return upstream;
      }
    } catch (JacksonException | IllegalArgumentException e) {
      // Not JSON: wrapped below.
    }
    String message = text.isBlank() ? "the LLM provider answered HTTP " + status : text.strip();
    return ClientErrors.body(client, status, message);
  }
}
