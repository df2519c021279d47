/**
 * Configured LLM providers, built once per state: {@code LlmBackendFactory} turns {@code ai}
 * backend resources into {@code LlmBackend}s of {@code LlmProvider}s (addressing, pinned model,
 * compiled {@code ai} policy as {@code AiAdjustments}, credentials from {@code
 * llm.credentials.ProviderCredentials} and {@code SecretResolver}). Looks providers up in the
 * registry.
 */
package io.agw.gateway.llm.backend;
