package io.agw.gateway.llm.provider.openai;

/** OpenAI: {@code api.openai.com}, endpoints under {@code /v1}, a bearer key. */
public final class OpenAiProvider extends OpenAiCompatibleProvider {

  public OpenAiProvider() {
    super("openai", "api.openai.com:443", "/v1");
  }
}
