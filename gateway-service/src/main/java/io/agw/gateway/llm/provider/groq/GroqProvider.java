package io.agw.gateway.llm.provider.groq;

import io.agw.gateway.llm.provider.openai.OpenAiCompatibleProvider;

/**
 * Groq (agentgateway's {@code groq} preset): OpenAI's dialect at {@code api.groq.com}, endpoints
 * under {@code /openai/v1}, a bearer key. Its bodies, streams and errors are OpenAI's.
 */
public final class GroqProvider extends OpenAiCompatibleProvider {

  public GroqProvider() {
    super("groq", "api.groq.com:443", "/openai/v1");
  }
}
