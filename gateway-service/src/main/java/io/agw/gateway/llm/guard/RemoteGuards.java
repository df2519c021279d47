package io.agw.gateway.llm.guard;

import io.agw.model.resource.v1.RequestGuard;
import io.agw.model.resource.v1.ResponseGuard;

/**
 * Builds the remote guard a configured guard names: one case per kind. The configuration was
 * checked when it loaded; what can only fail now (a secret that does not resolve, a certificate
 * file that cannot be read) throws {@link IllegalArgumentException}, which refuses the state.
 */
final class RemoteGuards {

  private RemoteGuards() {}

  /** The remote guard of a request guard; null for a regex guard. */
  static RemoteGuard of(RequestGuard guard, GuardServices services) {
    return switch (guard.getKindCase()) {
      case WEBHOOK -> Webhook.of(guard.getWebhook(), services);
      case REGEX, KIND_NOT_SET -> null;
      case OPENAI_MODERATION -> new ModerationGuard(guard.getOpenaiModeration(), services);
      case AZURE_CONTENT_SAFETY -> new ContentSafetyGuard(guard.getAzureContentSafety(), services);
      case BEDROCK_GUARDRAILS -> BedrockGuardrailsGuard.of(guard.getBedrockGuardrails(), services);
      case GOOGLE_MODEL_ARMOR -> GoogleModelArmorGuard.of(guard.getGoogleModelArmor(), services);
    };
  }

  /** The remote guard of a response guard; null for a regex guard. */
  static RemoteGuard of(ResponseGuard guard, GuardServices services) {
    return switch (guard.getKindCase()) {
      case WEBHOOK -> Webhook.of(guard.getWebhook(), services);
      case REGEX, KIND_NOT_SET -> null;
      case AZURE_CONTENT_SAFETY -> new ContentSafetyGuard(guard.getAzureContentSafety(), services);
      case BEDROCK_GUARDRAILS -> BedrockGuardrailsGuard.of(guard.getBedrockGuardrails(), services);
      case GOOGLE_MODEL_ARMOR -> GoogleModelArmorGuard.of(guard.getGoogleModelArmor(), services);
    };
  }
}
