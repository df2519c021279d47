package io.agw.gateway.exchange;

/**
 * What a provider's translation ({@code llm.provider.Translation}) may see and record of the call
 * it translates: the model to name in the client's answer, and the token usage read from the
 * upstream's answer. The gateway's call record ({@link LlmCall}) implements it; providers see
 * nothing else of the call.
 */
public interface UsageSink {

  /** The model the client's answer names: the provider's own name for it when known. */
  String responseModel();

  /** Records the usage of the answer; null is ignored. */
  void usage(TokenUsage usage);
}
