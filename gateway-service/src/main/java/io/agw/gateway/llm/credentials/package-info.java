/**
 * The credentials the gateway sends to LLM providers and to the cloud guard services it calls for
 * them (Bedrock Guardrails, Model Armor): API keys, AWS SigV4 from the AWS SDK's credential chain,
 * Google OAuth from google-auth. Shared by {@code llm.backend} (providers) and {@code llm.guard}
 * (guards), so neither depends on the other for them.
 */
package io.agw.gateway.llm.credentials;
