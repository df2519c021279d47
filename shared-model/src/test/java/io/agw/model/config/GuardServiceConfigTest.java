package io.agw.model.config;

import static io.agw.model.config.ConfigLoaderTest.byKey;
import static io.agw.model.config.ConfigLoaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.resource.v1.AzureContentSafetyGuard;
import io.agw.model.resource.v1.OpenAiInlineModeration;
import io.agw.model.resource.v1.OpenAiModerationGuard;
import io.agw.model.resource.v1.OpenAiModerationMode;
import io.agw.model.resource.v1.PromptGuard;
import io.agw.model.resource.v1.Resource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code openAIModeration} and {@code azureContentSafety} guards load with agentgateway's defaults.
 */
class GuardServiceConfigTest {

  private static PromptGuard guard() throws Exception {
    Map<String, Resource> resources =
        byKey(ConfigLoader.load(resource("guard-services.yaml"), Path.of("/etc/agw")));
    return resources
        .get("route/4000/llm/guarded")
        .getRoute()
        .getPolicies(0)
        .getAi()
        .getPromptGuard();
  }

  @Test
  void moderationGuardsTakeTheDefaultModelOrTheirOwnAndTheirKeyAndTls() throws Exception {
    PromptGuard guard = guard();

    OpenAiModerationGuard plain = guard.getRequest(0).getOpenaiModeration();
    assertThat(plain.getModel()).isEqualTo("omni-moderation-latest");
    assertThat(plain.hasAuth()).isFalse();
    assertThat(plain.hasTls()).isFalse();

    OpenAiModerationGuard custom = guard.getRequest(1).getOpenaiModeration();
    assertThat(custom.getModel()).isEqualTo("text-moderation-stable");
    assertThat(custom.getAuth().getKey().getEnv()).isEqualTo("OPENAI_API_KEY");
    assertThat(custom.getTls().getRoot().getFile()).isEqualTo("/etc/agw/certs/ca.pem");
    assertThat(guard.getRequest(1).getRejection().getStatus()).isEqualTo(403);
  }

  @Test
  void azureContentSafetyGuardsTakeAgentgatewaysDefaults() throws Exception {
    PromptGuard guard = guard();

    AzureContentSafetyGuard request = guard.getRequest(2).getAzureContentSafety();
    assertThat(request.getEndpoint()).isEqualTo("safety.cognitiveservices.azure.com");
    assertThat(request.getAuth().getKey().getFile()).isEqualTo("/etc/agw/keys/azure.key");
    assertThat(request.getAnalyzeText().getSeverityThreshold()).isEqualTo(2);
    assertThat(request.getAnalyzeText().getApiVersion()).isEqualTo("2024-09-01");
    assertThat(request.getAnalyzeText().getBlocklistNamesList()).isEmpty();
    assertThat(request.getAnalyzeText().hasHaltOnBlocklistHit()).isFalse();
    assertThat(request.getDetectJailbreak().getApiVersion()).isEqualTo("2024-02-15-preview");

    AzureContentSafetyGuard response = guard.getResponse(0).getAzureContentSafety();
    assertThat(response.getEndpoint()).isEqualTo("https://safety.internal:8443");
    assertThat(response.getAnalyzeText().getSeverityThreshold()).isEqualTo(4);
    assertThat(response.getAnalyzeText().getApiVersion()).isEqualTo("2023-10-01");
    assertThat(response.getAnalyzeText().getBlocklistNamesList()).containsExactly("banned");
    assertThat(response.getAnalyzeText().getHaltOnBlocklistHit()).isTrue();
    assertThat(response.hasDetectJailbreak()).isFalse();
  }

  @Test
  void anOpenAiProvidersInlineModerationKeepsItsModes() throws Exception {
    Map<String, Resource> resources =
        byKey(ConfigLoader.load(resource("guard-services.yaml"), Path.of("/etc/agw")));
    OpenAiInlineModeration moderation =
        resources.values().stream()
            .filter(Resource::hasBackend)
            .map(r -> r.getBackend().getAi().getGroups(0).getProviders(0).getOpenAi())
            .findFirst()
            .orElseThrow()
            .getModeration();
    assertThat(moderation.getModel()).isEqualTo("omni-moderation-latest");
    assertThat(moderation.getPolicy().getInput())
        .isEqualTo(OpenAiModerationMode.OPENAI_MODERATION_MODE_BLOCK);
    assertThat(moderation.getPolicy().getOutput())
        .isEqualTo(OpenAiModerationMode.OPENAI_MODERATION_MODE_SCORE);
  }
}
