package io.agw.gateway.usage.cost;

/**
 * Whether a provider's reported input count includes the tokens read from (or written to) its
 * prompt cache. Decided by the wire dialect the usage was read from, as agentgateway does: the
 * Anthropic Messages API (Anthropic, Claude on Vertex AI) and Bedrock Converse report cache tokens
 * apart from input; OpenAI-style APIs (OpenAI, Azure, Gemini and Vertex's Gemini, Copilot, ...)
 * count them inside {@code prompt_tokens}.
 */
public enum CacheConvention {
  INPUT_INCLUDES_CACHE,
  INPUT_EXCLUDES_CACHE;

  /** The convention of the usage the gateway records for {@code provider} and {@code model}. */
  public static CacheConvention of(String provider, String model) {
    if ("anthropic".equals(provider) || "aws.bedrock".equals(provider)) {
      return INPUT_EXCLUDES_CACHE;
    }
    if ("gcp.vertex_ai".equals(provider) && model != null && model.contains("claude")) {
      return INPUT_EXCLUDES_CACHE;
    }
    return INPUT_INCLUDES_CACHE;
  }
}
