package io.agw.gateway.llm.provider.vertex;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.UsageSink;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.wire.WireJson;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Anthropic translation for a Claude model on Vertex AI: the same bodies, responses, streams and
 * errors, with the request put in Vertex's envelope ({@link VertexAnthropicEnvelope}). The request
 * body is read back once to apply the envelope; it is small next to the call it prepares.
 * Stateless.
 */
final class VertexAnthropicTranslation implements Translation {

  private final Translation anthropic;

  VertexAnthropicTranslation(Translation anthropic) {
    this.anthropic = anthropic;
  }

  @Override
  public ClientApi upstreamApi() {
    return anthropic.upstreamApi();
  }

  @Override
  public byte[] request(ObjectNode body) {
    byte[] inner = anthropic.request(body);
    ObjectNode tree = (ObjectNode) WireJson.tree(new String(inner, StandardCharsets.UTF_8));
    VertexAnthropicEnvelope.apply(tree, anthropic.upstreamApi());
    return WireJson.write(tree).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] response(byte[] upstream, UsageSink call) {
    return anthropic.response(upstream, call);
  }

  @Override
  public StreamTranslator stream(ObjectNode clientBody) {
    return anthropic.stream(clientBody);
  }

  @Override
  public byte[] error(int status, byte[] upstream) {
    return anthropic.error(status, upstream);
  }
}
