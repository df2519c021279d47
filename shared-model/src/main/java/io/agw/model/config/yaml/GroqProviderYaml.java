package io.agw.model.config.yaml;

/**
 * Groq, agentgateway's {@code groq} provider preset: an OpenAI-compatible API at {@code
 * api.groq.com}. {@code model} pins the model.
 */
public record GroqProviderYaml(String model) {}
