package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.UsageSink;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.bedrock.BedrockContent;
import io.agw.gateway.llm.wire.bedrock.BedrockMessage;
import io.agw.gateway.llm.wire.bedrock.BedrockTool;
import io.agw.gateway.llm.wire.bedrock.ConverseRequest;
import io.agw.model.resource.v1.AiPromptCaching;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * agentgateway's {@code promptCaching} on Bedrock: cache points the gateway adds to the Converse
 * requests of chat completions and Responses clients (Messages clients mark their own blocks with
 * {@code cache_control}). After the system prompt when its estimated tokens (words times 1.3) reach
 * {@code minTokens}; after the second to last message, moved {@code cacheMessageOffset} messages
 * further back; after the tools. Only for models that support prompt caching (Claude 3 and later,
 * Nova, and application inference profiles, whose model is unknown). At most four cache points stay
 * ({@link CachePoints}). Immutable and thread-safe.
 */
final class BedrockPromptCaching implements Translation {

  private final Translation delegate;
  private final AiPromptCaching policy;

  private BedrockPromptCaching(Translation delegate, AiPromptCaching policy) {
    this.delegate = delegate;
    this.policy = policy;
  }

  /** {@code translation} with the policy, when there is one and the client is chat or Responses. */
  static Translation apply(AiPromptCaching policy, ClientApi api, Translation translation) {
    if (policy == null || (api != ClientApi.COMPLETIONS && api != ClientApi.RESPONSES)) {
      return translation;
    }
    return new BedrockPromptCaching(translation, policy);
  }

  /** Whether Bedrock caches prompts of {@code modelId}, as agentgateway decides it. */
  static boolean supports(String modelId) {
    String model = modelId.toLowerCase(Locale.ROOT);
    if (model.contains("anthropic.claude")) {
      return !(model.contains("claude-instant")
          || model.contains("claude-v1")
          || model.contains("claude-v2"));
    }
    return model.contains("amazon.nova") || model.contains(":application-inference-profile/");
  }

  /** {@code request} with the policy's cache points for {@code modelId}. Pure. */
  static ConverseRequest addCachePoints(
      ConverseRequest request, AiPromptCaching policy, String modelId) {
    if (!supports(modelId)) {
      return request;
    }
    List<BedrockContent> system = request.system();
    if (policy.getCacheSystem()
        && system != null
        && !system.isEmpty()
        && estimatedTokens(system) >= policy.getMinTokens()
        && !endsWithCachePoint(system)) {
      system = new ArrayList<>(system);
      system.add(BedrockContent.checkpoint());
    }
    List<BedrockMessage> messages = request.messages();
    if (policy.getCacheMessages() && messages != null && messages.size() >= 2) {
      int index = Math.max(0, messages.size() - 2 - policy.getCacheMessageOffset());
      BedrockMessage target = messages.get(index);
      if (!endsWithCachePoint(target.content())) {
        List<BedrockContent> content = new ArrayList<>(target.content());
        content.add(BedrockContent.checkpoint());
        messages = new ArrayList<>(messages);
        messages.set(index, new BedrockMessage(target.role(), content));
      }
    }
    ConverseRequest.ToolConfig tools = request.toolConfig();
    if (policy.getCacheTools()
        && tools != null
        && tools.tools() != null
        && !tools.tools().isEmpty()
        && tools.tools().get(tools.tools().size() - 1).cachePoint() == null) {
      List<BedrockTool> withPoint = new ArrayList<>(tools.tools());
      withPoint.add(new BedrockTool(null, BedrockContent.CachePoint.DEFAULT));
      tools = new ConverseRequest.ToolConfig(withPoint, tools.toolChoice());
    }
    return CachePoints.limit(
        new ConverseRequest(
            messages,
            system,
            request.inferenceConfig(),
            tools,
            request.additionalModelRequestFields(),
            request.outputConfig(),
            request.extra()));
  }

  /** agentgateway's estimate: whitespace-separated words of the text blocks, times 1.3. */
  static long estimatedTokens(List<BedrockContent> system) {
    long words = 0;
    for (BedrockContent c : system) {
      if (c.text() != null) {
        String trimmed = c.text().strip();
        words += trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
      }
    }
    return words * 13 / 10;
  }

  private static boolean endsWithCachePoint(List<BedrockContent> content) {
    return !content.isEmpty() && content.get(content.size() - 1).cachePoint() != null;
  }

  @Override
  public ClientApi upstreamApi() {
    return delegate.upstreamApi();
  }

  @Override
  public byte[] request(ObjectNode body) {
    ConverseRequest converse =
        WireJson.read(
            new String(delegate.request(body), StandardCharsets.UTF_8), ConverseRequest.class);
    ConverseRequest cached = addCachePoints(converse, policy, body.path("model").asString(""));
    return WireJson.write(cached).getBytes(StandardCharsets.UTF_8);
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
