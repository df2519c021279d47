package io.agw.gateway.llm.registry;

import io.agw.gateway.llm.provider.ProviderAdapter;
import io.agw.gateway.llm.provider.anthropic.AnthropicProvider;
import io.agw.gateway.llm.provider.azure.AzureProvider;
import io.agw.gateway.llm.provider.bedrock.BedrockProvider;
import io.agw.gateway.llm.provider.copilot.CopilotProvider;
import io.agw.gateway.llm.provider.custom.CustomProvider;
import io.agw.gateway.llm.provider.gemini.GeminiProvider;
import io.agw.gateway.llm.provider.groq.GroqProvider;
import io.agw.gateway.llm.provider.openai.OpenAiProvider;
import io.agw.gateway.llm.provider.vertex.VertexProvider;
import io.agw.model.resource.v1.AiProvider;

/**
 * The one registration point of LLM providers: each kind of the {@code AiProvider} resource and its
 * adapter. Adding a provider is a constant here (with its arms in {@link #of} and {@link
 * #configuredModel}), its package under {@code llm.provider} with the adapter, and fixtures. Only
 * the request steps ({@code llm.backend}, {@code llm.dispatch}) look providers up here; providers
 * never do.
 */
public enum ProviderKind {
  OPENAI(new OpenAiProvider()),
  ANTHROPIC(new AnthropicProvider()),
  AZURE(new AzureProvider()),
  GEMINI(new GeminiProvider()),
  VERTEX(new VertexProvider()),
  CUSTOM(new CustomProvider()),
  BEDROCK(new BedrockProvider()),
  COPILOT(new CopilotProvider()),
  GROQ(new GroqProvider());

  private final ProviderAdapter adapter;

  ProviderKind(ProviderAdapter adapter) {
    this.adapter = adapter;
  }

  public ProviderAdapter adapter() {
    return adapter;
  }

  /** The kind of a configured provider. */
  public static ProviderKind of(AiProvider provider) {
    return switch (provider.getKindCase()) {
      case OPEN_AI -> OPENAI;
      case ANTHROPIC -> ANTHROPIC;
      case AZURE -> AZURE;
      case GEMINI -> GEMINI;
      case VERTEX -> VERTEX;
      case CUSTOM -> CUSTOM;
      case BEDROCK -> BEDROCK;
      case COPILOT -> COPILOT;
      case GROQ -> GROQ;
      case KIND_NOT_SET ->
          throw new IllegalArgumentException("provider " + provider.getName() + " has no kind");
    };
  }

  /** The model the config pins for this provider, or empty to keep the client's. */
  public static String configuredModel(AiProvider provider) {
    return switch (provider.getKindCase()) {
      case OPEN_AI -> provider.getOpenAi().getModel();
      case ANTHROPIC -> provider.getAnthropic().getModel();
      case AZURE -> provider.getAzure().getModel();
      case GEMINI -> provider.getGemini().getModel();
      case VERTEX -> provider.getVertex().getModel();
      case CUSTOM -> provider.getCustom().getModel();
      case BEDROCK -> provider.getBedrock().getModel();
      case COPILOT -> provider.getCopilot().getModel();
      case GROQ -> provider.getGroq().getModel();
      case KIND_NOT_SET -> "";
    };
  }
}
