package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.UsageSink;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.model.resource.v1.BedrockProvider;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provider-native guardrail of a Bedrock provider ({@code guardrailIdentifier}, {@code
 * guardrailVersion}): every Converse and ConverseStream request a front door sends carries {@code
 * guardrailConfig} with the guardrail and {@code trace: enabled}, as agentgateway sends it. Bedrock
 * then applies the guardrail itself; an intervention comes back as {@code stopReason:
 * guardrail_intervened} with the guardrail's message as the answer, which the front doors map
 * ({@code content_filter} for OpenAI clients, {@code refusal} for Anthropic ones). Wraps the front
 * door's translation and changes only its request. Immutable and thread-safe.
 */
final class BedrockGuardrailConfig implements Translation {

  private final Translation delegate;
  private final String identifier;
  private final String version;

  private BedrockGuardrailConfig(Translation delegate, String identifier, String version) {
    this.delegate = delegate;
    this.identifier = identifier;
    this.version = version;
  }

  /** {@code translation} with the provider's guardrail, when it has one and sends Converse. */
  static Translation apply(BedrockProvider config, ClientApi api, Translation translation) {
    boolean converse =
        api == ClientApi.COMPLETIONS || api == ClientApi.MESSAGES || api == ClientApi.RESPONSES;
    if (!converse || config.getGuardrailIdentifier().isEmpty()) {
      return translation;
    }
    return new BedrockGuardrailConfig(
        translation, config.getGuardrailIdentifier(), config.getGuardrailVersion());
  }

  @Override
  public ClientApi upstreamApi() {
    return delegate.upstreamApi();
  }

  @Override
  public byte[] request(ObjectNode body) {
    ObjectNode converse =
        (ObjectNode) WireJson.tree(new String(delegate.request(body), StandardCharsets.UTF_8));
    converse
        .putObject("guardrailConfig")
        .put("guardrailIdentifier", identifier)
        .put("guardrailVersion", version)
        .put("trace", "enabled");
    return WireJson.write(converse).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] response(byte[] upstream, UsageSink call) {
    return delegate.response(upstream, call);
  }

  @Override
  public StreamTranslator stream(ObjectNode clientBody) {
    return delegate.stream(clientBody);
  }

  @Override
  public byte[] error(int status, byte[] upstream) {
    return delegate.error(status, upstream);
  }
}
