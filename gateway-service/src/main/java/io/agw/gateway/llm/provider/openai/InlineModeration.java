package io.agw.gateway.llm.provider.openai;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.OpenAiInlineModeration;
import io.agw.model.resource.v1.OpenAiModerationMode;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI provider's {@code moderation}, as agentgateway sends it: the {@code moderation}
 * parameter of every chat completions and Responses request to that provider (translated ones
 * included) is set to the configured value, replacing the client's. OpenAI then scores or blocks
 * input and output itself. Other providers and other APIs are left alone. Stateless.
 */
public final class InlineModeration {

  private InlineModeration() {}

  /** The upstream body with the provider's moderation in it, or {@code body} unchanged. */
  public static byte[] apply(AiProvider provider, ClientApi upstreamApi, byte[] body) {
    if (!provider.hasOpenAi()
        || !provider.getOpenAi().hasModeration()
        || (upstreamApi != ClientApi.COMPLETIONS && upstreamApi != ClientApi.RESPONSES)) {
      return body;
    }
    ObjectNode json = (ObjectNode) WireJson.tree(new String(body, StandardCharsets.UTF_8));
    json.set("moderation", parameter(provider.getOpenAi().getModeration()));
    return WireJson.write(json).getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode parameter(OpenAiInlineModeration moderation) {
    ObjectNode node = WireJson.nodes().objectNode();
    node.put("model", moderation.getModel());
    if (moderation.hasPolicy()) {
      ObjectNode policy = node.putObject("policy");
      mode(policy, "input", moderation.getPolicy().getInput());
      mode(policy, "output", moderation.getPolicy().getOutput());
    }
    return node;
  }

  private static void mode(ObjectNode policy, String field, OpenAiModerationMode mode) {
    switch (mode) {
      case OPENAI_MODERATION_MODE_SCORE -> policy.putObject(field).put("mode", "score");
      case OPENAI_MODERATION_MODE_BLOCK -> policy.putObject(field).put("mode", "block");
      default -> {}
    }
  }
}
